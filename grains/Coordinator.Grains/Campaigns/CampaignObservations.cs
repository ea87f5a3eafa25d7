using Coordinator.Campaigns;
using Coordinator.Observability;

namespace Coordinator.Grains.Campaigns;

/// <summary>
/// What a saved change of a campaign reports to the meter and as spans. Like <see cref="CampaignEvents"/>
/// it is derived from the two saved statuses, so nothing is reported that storage did not confirm; the
/// spans are children of the campaign's stored root context, whichever activation records them.
/// </summary>
internal static class CampaignObservations
{
    public static void Record(CampaignStatus? previous, CampaignStatus current, CampaignChange change, string? traceParent)
    {
        var service = current.Service;
        var parent = CoordinatorTracing.Parse(traceParent);
        if (current.State != previous?.State)
        {
            CampaignMetrics.Entered(service, Word(current.State));
        }

        if (current is { State: CampaignState.RolledBack, RollbackDuration: { } took } && previous?.State != CampaignState.RolledBack)
        {
            CampaignMetrics.RolledBack(service, took);
            if (current.RollbackStartedAt is { } from)
            {
                CoordinatorTracing.RecordFinished(CoordinatorTracing.CampaignRollback, parent, from, from + took,
                    [.. Tags(current, region: null), new(TagNames.Result, current.Reason)]);
            }
        }

        foreach (var region in current.Regions)
        {
            var before = previous?.Regions.Find(r => r.Region == region.Region);
            foreach (var step in region.Steps.Skip(before?.Steps.Count ?? 0))
            {
                CoordinatorTracing.RecordFinished(CoordinatorTracing.CampaignStep, parent, step.StartedAt, step.FinishedAt ?? step.StartedAt,
                    [.. Tags(current, region.Region), new(TagNames.Step, step.Step.ToWire()), new(TagNames.Result, step.Result)]);
            }
        }

        // The events already name each new verdict once (every hold window, each warm report).
        foreach (var e in change.Events)
        {
            if (e is { Kind: CampaignEventKind.GateJudged, Gate: { } gate, Region: { } region })
            {
                foreach (var m in gate.Metrics)
                {
                    CampaignMetrics.Judged(new GateMeasurement(
                        service, region, Word(gate.Kind), m.Metric, Word(m.Verdict), (int)m.Verdict, m.Value, m.PassTarget, m.StopAt));
                }
            }
        }
    }

    /// <summary>A campaign state as the API writes it: snake_case.</summary>
    public static string Word(CampaignState state) => state switch
    {
        CampaignState.Running => "running",
        CampaignState.WaitingForApproval => "waiting_for_approval",
        CampaignState.Paused => "paused",
        CampaignState.RollingBack => "rolling_back",
        CampaignState.Completed => "completed",
        CampaignState.RolledBack => "rolled_back",
        CampaignState.RollbackBlocked => "rollback_blocked",
        _ => "unknown",
    };

    private static string Word(GateKind gate) => gate == GateKind.Warm ? "warm" : "hold";

    private static string Word(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "pass",
        GateVerdict.Inconclusive => "inconclusive",
        _ => "fail",
    };

    private static KeyValuePair<string, object?>[] Tags(CampaignStatus campaign, string? region) => region is null
        ? [new(TagNames.Service, campaign.Service), new(TagNames.CampaignId, campaign.CampaignId)]
        : [new(TagNames.Service, campaign.Service), new(TagNames.Region, region), new(TagNames.CampaignId, campaign.CampaignId)];
}
