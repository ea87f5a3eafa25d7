using System.Collections.Immutable;
using Coordinator.Fences;

namespace Coordinator.Campaigns.Machine;

/// <summary>
/// What a region's step decides on: the saved campaign, the effects answered so far, and two times.
/// <paramref name="TickStartedAt"/> is fixed for the whole tick, so the effects asked for (telemetry
/// windows, whether a hold evaluation is due) stay the same value from one decision to the next;
/// <paramref name="Now"/> is read again for every decision, after the effects ran, so what is recorded
/// (a step finished, a rollback began) never claims to predate what it records.
/// </summary>
internal sealed record MachineContext(
    CutoverState State, DateTimeOffset TickStartedAt, DateTimeOffset Now, EffectResults Results, ImmutableDictionary<string, DateTimeOffset> HoldClock)
{
    public CampaignSpec Spec => State.Spec!;

    public CampaignStatus Current => State.Current!;

    public string CampaignId => Current.CampaignId;

    public WaveSpec WaveOf(RegionProgress region) => Spec.Waves[region.WaveIndex];

    /// <summary>Closes the step the region was on with its result and opens the next one.</summary>
    public RegionProgress Advance(RegionProgress region, ChecklistStep next, string result)
    {
        var steps = region.Steps.Add(new StepRecord(region.Step, region.StepStartedAt ?? Now, Now, result));
        return region with { Step = next, StepStartedAt = Now, Steps = steps };
    }

    /// <summary>Starts a consumer move under <paramref name="key"/> or follows the one started under it.</summary>
    public MoveConsumers Move(string region, string group, string toConsumerVer, string key) => new(region, group, new MoveRequest
    {
        ToConsumerVer = toConsumerVer,
        IdempotencyKey = key,
        Operator = Spec.Operator,
        Reason = $"campaign {CampaignId}",
        DrainTimeout = Spec.ConsumerDrainTimeout,
    });
}
