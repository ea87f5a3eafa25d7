using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>Where a campaign is in its life; see <see cref="CampaignStates"/> for the groupings callers should use.</summary>
[GenerateSerializer]
[Alias("coordinator.CampaignState")]
public enum CampaignState
{
    /// <summary>Regions are moving through their checklists.</summary>
    Running = 0,

    /// <summary>Waiting for an operator: approval between waves, or an inconclusive gate.</summary>
    WaitingForApproval = 1,

    /// <summary>An operator paused it; nothing advances until resumed.</summary>
    Paused = 2,
    /// <summary>Every region the campaign touched is being moved back to Blue.</summary>
    RollingBack = 3,
    /// <summary>Every region serves Green; terminal (a rollback afterwards starts from here).</summary>
    Completed = 4,
    /// <summary>Every touched region is back on Blue; terminal.</summary>
    RolledBack = 5,

    /// <summary>
    /// A rollback that cannot finish on its own (a consumer group would not move back to Blue after
    /// repeated attempts): the rest is rolled back; an operator fixes the cause and runs rollback again.
    /// </summary>
    RollbackBlocked = 6,
}

/// <summary>Where one region of a campaign stands.</summary>
[GenerateSerializer]
[Alias("coordinator.RegionOutcome")]
public enum RegionOutcome
{
    /// <summary>Its wave has not started.</summary>
    Pending = 0,
    /// <summary>Working through its checklist (see <see cref="RegionProgress.Step"/>).</summary>
    InProgress = 1,
    /// <summary>Finished the checklist: serves Green.</summary>
    Done = 2,
    /// <summary>Moved back to Blue.</summary>
    RolledBack = 3,
}

/// <summary>One checklist step of one region as it ran.</summary>
/// <param name="Step">The checklist step.</param>
/// <param name="StartedAt">When the region entered the step.</param>
/// <param name="FinishedAt">When it left it; null while it runs.</param>
/// <param name="Result">What came of it, in words and numbers.</param>
[GenerateSerializer, Immutable]
[Alias("coordinator.StepRecord")]
public sealed record StepRecord(
    [property: Id(0)] ChecklistStep Step,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset? FinishedAt,
    [property: Id(3)] string Result);

/// <summary>One region's progress through its checklist and the evidence it collected.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.RegionProgress")]
public sealed record RegionProgress
{
    /// <summary>The region, as named in the spec; also its key in the campaign's events.</summary>
    [Id(0)] public required string Region { get; init; }
    /// <summary>0-based index of the region's wave.</summary>
    [Id(1)] public required int WaveIndex { get; init; }
    /// <summary>What the region freezes, after inheritance.</summary>
    [Id(2)] public required RegionFences Fences { get; init; }
    /// <summary>Pending, in progress, done or rolled back.</summary>
    [Id(3)] public RegionOutcome Outcome { get; init; }

    /// <summary>The step being worked on while InProgress.</summary>
    [Id(4)] public ChecklistStep Step { get; init; } = ChecklistStep.Freeze;
    /// <summary>When <see cref="Step"/> started; null before the region starts.</summary>
    [Id(5)] public DateTimeOffset? StepStartedAt { get; init; }
    /// <summary>The steps run so far, oldest first.</summary>
    [Id(6)] public ImmutableList<StepRecord> Steps { get; init; } = [];

    /// <summary>The epoch read at Verify: the flip is a compare-and-set on it.</summary>
    [Id(7)] public long? ExpectedEpoch { get; init; }
    /// <summary>The epoch the flip to Green produced; null before the flip.</summary>
    [Id(8)] public long? FlippedEpoch { get; init; }
    /// <summary>When the flip to Green was persisted; null before the flip.</summary>
    [Id(9)] public DateTimeOffset? FlippedAt { get; init; }
    /// <summary>Blue's manifest as read at Verify: what a rollback restores writers and consumers to.</summary>
    [Id(10)] public ArmManifest? Blue { get; init; }
    /// <summary>The Warm Green gate's last result; null before a smoke report arrived.</summary>
    [Id(11)] public GateResult? Warm { get; init; }
    /// <summary>The Hold gate's results, oldest first.</summary>
    [Id(12)] public ImmutableList<GateResult> Hold { get; init; } = [];
    /// <summary>The hold was already extended once; another inconclusive end waits for an operator.</summary>
    [Id(13)] public bool HoldExtended { get; init; }
    /// <summary>Blue's window captured just before the flip, which every hold window is compared with.</summary>
    [Id(14)] public TelemetryWindow? Baseline { get; init; }
    /// <summary>The latest remark for operators (e.g. what a step is waiting for); null when none.</summary>
    [Id(15)] public string? Note { get; init; }

    /// <summary>Consumer moves back to Blue that failed; each retry uses a fresh idempotency key.</summary>
    [Id(16)] public int FailedRollbackMoves { get; init; }

    /// <summary>Set when this region's rollback stopped for an operator: what failed.</summary>
    [Id(17)] public string? RollbackBlocked { get; init; }

    /// <summary>What the coordinator's evaluator measured at Warm Green (spec <c>warm</c>); null when the report came from outside.</summary>
    [Id(18)] public WarmEvaluation? WarmEvaluation { get; init; }

    /// <summary>When the hold last read Green's window; null before its first reading.</summary>
    [Id(19)] public DateTimeOffset? HoldObservedAt { get; init; }

    /// <summary>
    /// How long the hold could not watch Green (the campaign stalled, or Green's window could not be read,
    /// for longer than a few seconds); the hold's end moves out by as much.
    /// </summary>
    [Id(20)] public TimeSpan HoldUnobserved { get; init; }

    /// <summary>
    /// The rollback restored the region and recorded so before releasing its claim: only resuming the consumer groups
    /// and the release remain, and a step replayed after a crash past the release must not claim the region again.
    /// </summary>
    [Id(21)] public bool RollbackReleasing { get; init; }
}

/// <summary>A campaign as last persisted: its state, every region's progress and the evidence behind each decision.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CampaignStatus")]
public sealed record CampaignStatus
{
    /// <summary>The campaign's id (its idempotency key).</summary>
    [Id(0)] public required string CampaignId { get; init; }
    /// <summary>The service it moves.</summary>
    [Id(1)] public required string Service { get; init; }
    /// <summary>Where it is; see <see cref="CampaignStates"/>.</summary>
    [Id(2)] public required CampaignState State { get; init; }
    /// <summary>0-based index of the wave in progress (or last run).</summary>
    [Id(3)] public required int CurrentWave { get; init; }
    /// <summary>Waves in the plan.</summary>
    [Id(4)] public required int WaveCount { get; init; }
    /// <summary>Every region in campaign order.</summary>
    [Id(5)] public required ImmutableList<RegionProgress> Regions { get; init; }
    /// <summary>When the campaign was accepted.</summary>
    [Id(6)] public required DateTimeOffset StartedAt { get; init; }
    /// <summary>The operator who started it.</summary>
    [Id(7)] public required string StartedBy { get; init; }
    /// <summary>When it completed or finished rolling back; null while active.</summary>
    [Id(8)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why the campaign is waiting, paused, rolling back or rolled back.</summary>
    [Id(9)] public string? Reason { get; init; }
    /// <summary>When the rollback began; null if none did.</summary>
    [Id(10)] public DateTimeOffset? RollbackStartedAt { get; init; }
    /// <summary>How long the rollback took; null until it finished.</summary>
    [Id(11)] public TimeSpan? RollbackDuration { get; init; }
    /// <summary>Every approval so far as "approver: reason", oldest first.</summary>
    [Id(12)] public ImmutableList<string> Approvals { get; init; } = [];
    /// <summary>Identifies the spec the campaign was started with; a start with the same id and another spec is a conflict.</summary>
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
