using System.Collections.Immutable;

namespace Coordinator.Campaigns.Machine;

/// <summary>
/// What one region's step came to this round: effects it still needs run, or what to record, and
/// whether it refuses (the campaign rolls back) or needs an operator. None of them: it waits (for a
/// smoke report, the hold, a drain) or an effect failed and the step is retried next tick.
/// </summary>
internal sealed record StepOutcome
{
    public static readonly StepOutcome Waiting = new();

    public ImmutableList<CampaignEffect> Run { get; init; } = [];

    public Func<RegionProgress, RegionProgress>? Change { get; init; }

    public string? Refused { get; init; }

    public string? WaitReason { get; init; }

    /// <summary>The region's hold window was read this round (hold evaluations are paced per region).</summary>
    public bool HoldEvaluated { get; init; }

    public bool NeedsEffects => Run.Count > 0;

    public static StepOutcome Record(Func<RegionProgress, RegionProgress> change) => new() { Change = change };

    public static StepOutcome Refuse(string reason, Func<RegionProgress, RegionProgress>? change = null) => new() { Refused = reason, Change = change };

    /// <summary>Null when every needed effect answered; otherwise what the step comes to meanwhile.</summary>
    /// <param name="refusalStops">Forward steps stop the campaign on a refusal; rollback steps retry it.</param>
    public static StepOutcome? Unless(Needs needs, string region, bool refusalStops) =>
        needs.Missing.Count > 0 ? new StepOutcome { Run = needs.Missing }
        : needs.Refused is { } refused && refusalStops ? Refuse($"{region}: {refused}")
        : needs.Ready ? null
        : Waiting;
}
