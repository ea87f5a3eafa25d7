using System.Collections.Immutable;

namespace Coordinator.Campaigns.Machine;

/// <summary>
/// What the machine decided on one call: effects to run (then ask again with their results), or a
/// next state to save, or nothing to do until the next tick. Never both effects and a state.
/// </summary>
public sealed record CampaignStep
{
    /// <summary>Run these (concurrently; they are independent), add their results, and ask again.</summary>
    public ImmutableList<CampaignEffect> Effects { get; init; } = [];

    /// <summary>Save this before anything acts on it; then ask again with no results if <see cref="Continue"/>.</summary>
    public CutoverState? Next { get; init; }

    /// <summary>After saving <see cref="Next"/>, more can happen in the same tick (another round, the next wave, the rollback).</summary>
    public bool Continue { get; init; }

    /// <summary>When each region's hold window was last read; the grain keeps it between ticks (it paces reads, it is not state).</summary>
    public required ImmutableDictionary<string, DateTimeOffset> HoldClock { get; init; }

    public bool IsIdle => Effects.Count == 0 && Next is null;
}
