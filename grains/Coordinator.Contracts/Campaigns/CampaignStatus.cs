using System.Collections.Immutable;

namespace Coordinator.Campaigns;

[GenerateSerializer]
[Alias("coordinator.CampaignState")]
public enum CampaignState
{
    Running = 0,

    /// <summary>Waiting for an operator: approval between waves, or an inconclusive gate.</summary>
    WaitingForApproval = 1,

    Paused = 2,
    RollingBack = 3,
    Completed = 4,
    RolledBack = 5,

    /// <summary>
    /// A rollback that cannot finish on its own (a consumer group would not move back to Blue after
    /// repeated attempts): the rest is rolled back; an operator fixes the cause and runs rollback again.
    /// </summary>
    RollbackBlocked = 6,
}

[GenerateSerializer]
[Alias("coordinator.RegionOutcome")]
public enum RegionOutcome
{
    Pending = 0,
    InProgress = 1,
    Done = 2,
    RolledBack = 3,
}

/// <summary>One checklist step of one region as it ran.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.StepRecord")]
public sealed record StepRecord(
    [property: Id(0)] ChecklistStep Step,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset? FinishedAt,
    [property: Id(3)] string Result);

[GenerateSerializer, Immutable]
[Alias("coordinator.RegionProgress")]
public sealed record RegionProgress
{
    [Id(0)] public required string Region { get; init; }
    [Id(1)] public required int WaveIndex { get; init; }
    [Id(2)] public required RegionFences Fences { get; init; }
    [Id(3)] public RegionOutcome Outcome { get; init; }

    /// <summary>The step being worked on while InProgress.</summary>
    [Id(4)] public ChecklistStep Step { get; init; } = ChecklistStep.Freeze;
    [Id(5)] public DateTimeOffset? StepStartedAt { get; init; }
    [Id(6)] public ImmutableList<StepRecord> Steps { get; init; } = [];

    /// <summary>The epoch read at Verify: the flip is a compare-and-set on it.</summary>
    [Id(7)] public long? ExpectedEpoch { get; init; }
    [Id(8)] public long? FlippedEpoch { get; init; }
    [Id(9)] public DateTimeOffset? FlippedAt { get; init; }
    [Id(10)] public ArmManifest? Blue { get; init; }
    [Id(11)] public GateResult? Warm { get; init; }
    [Id(12)] public ImmutableList<GateResult> Hold { get; init; } = [];
    [Id(13)] public bool HoldExtended { get; init; }
    [Id(14)] public TelemetryWindow? Baseline { get; init; }
    [Id(15)] public string? Note { get; init; }

    /// <summary>Consumer moves back to Blue that failed; each retry uses a fresh idempotency key.</summary>
    [Id(16)] public int FailedRollbackMoves { get; init; }

    /// <summary>Set when this region's rollback stopped for an operator: what failed.</summary>
    [Id(17)] public string? RollbackBlocked { get; init; }
}

[GenerateSerializer, Immutable]
[Alias("coordinator.CampaignStatus")]
public sealed record CampaignStatus
{
    [Id(0)] public required string CampaignId { get; init; }
    [Id(1)] public required string Service { get; init; }
    [Id(2)] public required CampaignState State { get; init; }
    [Id(3)] public required int CurrentWave { get; init; }
    [Id(4)] public required int WaveCount { get; init; }
    [Id(5)] public required ImmutableList<RegionProgress> Regions { get; init; }
    [Id(6)] public required DateTimeOffset StartedAt { get; init; }
    [Id(7)] public required string StartedBy { get; init; }
    [Id(8)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why the campaign is waiting, paused, rolling back or rolled back.</summary>
    [Id(9)] public string? Reason { get; init; }
    [Id(10)] public DateTimeOffset? RollbackStartedAt { get; init; }
    [Id(11)] public TimeSpan? RollbackDuration { get; init; }
    [Id(12)] public ImmutableList<string> Approvals { get; init; } = [];
    [Id(13)] public required string SpecFingerprint { get; init; }

    /// <summary>Bumped by every persisted change; campaign events carry it so a follower can spot a gap.</summary>
    [Id(14)] public long Version { get; init; }
}

/// <summary>The one classification of campaign states, shared by the grain, the console and the SDK.</summary>
public static class CampaignStates
{
    /// <summary>Completed or RolledBack: over for good; the service may start another campaign.</summary>
    public static bool IsTerminal(this CampaignState state) => state is CampaignState.Completed or CampaignState.RolledBack;

    /// <summary>Not terminal: the campaign holds its service (one at a time) and may still change.</summary>
    public static bool IsActive(this CampaignState state) => !state.IsTerminal();

    /// <summary>
    /// Will not move again without an operator: terminal, waiting for approval, or rollback blocked.
    /// A paused campaign is not settled: whoever paused it is expected to resume it.
    /// </summary>
    public static bool IsSettled(this CampaignState state) =>
        state.IsTerminal() || state is CampaignState.WaitingForApproval or CampaignState.RollbackBlocked;

    /// <summary>Running or rolling back: the cutover grain moves it on by itself, tick by tick.</summary>
    public static bool IsDriven(this CampaignState state) => state is CampaignState.Running or CampaignState.RollingBack;
}
