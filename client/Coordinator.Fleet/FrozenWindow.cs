using Coordinator.Campaigns;

namespace Coordinator.Fleet;

/// <summary>
/// The span in which a campaign certainly held a region's writer lease frozen: from the end of the
/// Freeze step (the freeze was applied before the step was recorded) to the start of Unfreeze, or of
/// the rollback, or now if the region is still held. Write attempts are timed before the sink's
/// check, so an accepted write inside the window was validated after the freeze: a fencing failure.
/// </summary>
public sealed record FrozenWindow(DateTimeOffset From, DateTimeOffset Until)
{
    public static FrozenWindow? Of(RegionProgress? progress, CampaignStatus? status, DateTimeOffset now)
    {
        if (progress?.Steps.FirstOrDefault(s => s.Step == ChecklistStep.Freeze)?.FinishedAt is not { } from)
        {
            return null;
        }

        var until = progress.Steps.FirstOrDefault(s => s.Step == ChecklistStep.Unfreeze)?.StartedAt
            ?? (progress is { Outcome: RegionOutcome.InProgress, Step: ChecklistStep.Unfreeze } ? progress.StepStartedAt : null)
            ?? status?.RollbackStartedAt
            ?? now;
        return new FrozenWindow(from, until);
    }

    public bool Contains(DateTimeOffset at) => at > From && at < Until;
}

public static class FrozenWindowExtensions
{
    /// <summary>How many of <paramref name="times"/> fall inside the window (none without one).</summary>
    public static long Count(this FrozenWindow? window, IEnumerable<DateTimeOffset> times) =>
        window is null ? 0 : times.LongCount(window.Contains);
}
