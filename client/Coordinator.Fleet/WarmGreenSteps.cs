using Coordinator.Campaigns;

namespace Coordinator.Fleet;

/// <summary>Which regions of a running campaign wait in Warm Green for a smoke report: the evaluator's question.</summary>
public static class WarmGreenSteps
{
    /// <summary>Each waiting region with the time its Warm Green step started (a region re-entering the step waits again).</summary>
    public static IEnumerable<(string Region, DateTimeOffset Started)> Waiting(CampaignStatus status) =>
        status.State != CampaignState.Running
            ? []
            : status.Regions
                .Where(r => r is { Outcome: RegionOutcome.InProgress, Step: ChecklistStep.WarmGreen, StepStartedAt: not null })
                .Select(r => (r.Region, r.StepStartedAt!.Value));
}
