using Coordinator.Campaigns;

namespace Coordinator.Console.Rendering.Live;

/// <summary>Which regions the live view opens up to their gate metrics: only those holding or failing.</summary>
public static class GateFocus
{
    /// <summary>
    /// The gate whose metrics to show for <paramref name="region"/>: the latest hold window while it
    /// holds, else a failed gate (the latest hold, or warm); null for every other region.
    /// </summary>
    public static GateResult? Of(RegionProgress region)
    {
        var hold = region.Hold.LastOrDefault();
        if (region is { Outcome: RegionOutcome.InProgress, Step: ChecklistStep.HoldAndWatch } && hold is not null)
        {
            return hold;
        }

        if (hold is { Verdict: GateVerdict.Fail })
        {
            return hold;
        }

        return hold is null && region.Warm is { Verdict: GateVerdict.Fail } warm ? warm : null;
    }

    /// <summary>The gate the region's line names: the latest hold window, else the warm gate.</summary>
    public static GateResult? Latest(RegionProgress region) => region.Hold.LastOrDefault() ?? region.Warm;
}
