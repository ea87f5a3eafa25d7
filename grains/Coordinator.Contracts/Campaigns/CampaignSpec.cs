using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>
/// One cutover of one service to a target Green manifest, across ordered waves of regions. Read
/// from JSON by Core's <c>CampaignSpecReader</c>, checked by <c>CampaignSpecValidator</c>.
/// Defaults are the seed's; per-wave hold and fences inherit from the campaign when left out.
/// Collections compare by reference: compare two specs with <c>CampaignSpecWriter.Fingerprint</c>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CampaignSpec")]
public sealed record CampaignSpec
{
    /// <summary>The spec format this build writes and reads; a spec of another version is refused.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The spec format version (<see cref="CurrentVersion"/>).</summary>
    [Id(0)] public int Version { get; init; } = CurrentVersion;
    /// <summary>The service whose regions move; one campaign runs per service at a time.</summary>
    [Id(1)] public required string Service { get; init; }

    /// <summary>Names the campaign and is its idempotency key: starting it again with the same spec is a replay.</summary>
    [Id(2)] public required string CampaignId { get; init; }

    /// <summary>The manifest Green must carry in every region (checked at Verify invariants).</summary>
    [Id(3)] public required ArmManifest Target { get; init; }

    /// <summary>In order; a canary wave usually comes first. A region belongs to exactly one wave.</summary>
    [Id(4)] public required ImmutableList<WaveSpec> Waves { get; init; }

    /// <summary>What to fence in every region unless a wave or region says otherwise.</summary>
    [Id(5)] public FenceSpec Fences { get; init; } = FenceSpec.None;

    /// <summary>Hold and watch, per wave unless the wave sets its own.</summary>
    [Id(6)] public TimeSpan Hold { get; init; } = CampaignLimits.DefaultHold;

    /// <summary>How long Warm Green waits for a smoke report.</summary>
    [Id(7)] public TimeSpan SmokeDeadline { get; init; } = CampaignLimits.DefaultSmokeDeadline;

    /// <summary>Pass targets of the Warm Green and Hold gates.</summary>
    [Id(8)] public GateThresholds Gate { get; init; } = GateThresholds.Default;
    /// <summary>What fails the hold and rolls the campaign back.</summary>
    [Id(9)] public StopRules StopRules { get; init; } = StopRules.Default;
    /// <summary>Whether waves after the first wait for an operator, and whether that operator must be someone else.</summary>
    [Id(10)] public ApprovalPolicy Approval { get; init; } = ApprovalPolicy.Automatic;
    /// <summary>Who starts the campaign; recorded in every audit entry it causes.</summary>
    [Id(11)] public required string Operator { get; init; }
    /// <summary>Why, recorded with the start.</summary>
    [Id(12)] public required string Reason { get; init; }

    /// <summary>How long a consumer move (to Green, or back to Blue) waits for the old version's instances to pause.</summary>
    [Id(13)] public TimeSpan ConsumerDrainTimeout { get; init; } = CampaignLimits.DefaultConsumerDrainTimeout;

    /// <summary>Which hold metrics the rank test judges beside (or instead of) their thresholds; thresholds only by default.</summary>
    [Id(14)] public JudgeSpec Judge { get; init; } = JudgeSpec.Default;

    /// <summary>Null: Warm Green waits for a smoke report from outside; set: the coordinator runs the gold set against Green itself.</summary>
    [Id(15)] public WarmSpec? Warm { get; init; }

    /// <summary>The wave's own hold, or the campaign's.</summary>
    public TimeSpan HoldOf(WaveSpec wave) => wave.Hold ?? Hold;

    /// <summary>How far back Blue's baseline reaches at the flip: the wave's hold, at least <see cref="CampaignLimits.MinBaselineWindow"/>.</summary>
    public TimeSpan BaselineOf(WaveSpec wave) => HoldOf(wave) > CampaignLimits.MinBaselineWindow ? HoldOf(wave) : CampaignLimits.MinBaselineWindow;
}

/// <summary>A group of regions that go through the checklist together.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.WaveSpec")]
public sealed record WaveSpec
{
    /// <summary>Optional; the plan calls an unnamed wave "wave-N" (1-based).</summary>
    [Id(0)] public string? Name { get; init; }

    /// <summary>The wave's regions, in the order their checklists run.</summary>
    [Id(1)] public required ImmutableList<string> Regions { get; init; }

    /// <summary>Null: the campaign's hold.</summary>
    [Id(2)] public TimeSpan? Hold { get; init; }

    /// <summary>Null: the campaign's fences. Each list inherits on its own.</summary>
    [Id(3)] public FenceSpec? Fences { get; init; }

    /// <summary>Per-region fences for regions of this wave; each list overrides the wave's.</summary>
    [Id(4)] public ImmutableSortedDictionary<string, FenceSpec> RegionFences { get; init; } =
        ImmutableSortedDictionary<string, FenceSpec>.Empty.WithComparers(StringComparer.Ordinal);
}

/// <summary>
/// Writer leases and consumer groups to freeze in a region. A null list inherits from the level
/// above (region → wave → campaign → none); an empty list means "none here".
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.FenceSpec")]
public sealed record FenceSpec
{
    /// <summary>Nothing fenced and nothing set, so every list inherits.</summary>
    public static readonly FenceSpec None = new();

    /// <summary>Lease names of background writers (indexers, ETL).</summary>
    [Id(0)] public ImmutableList<string>? Writers { get; init; }

    /// <summary>Consumer groups to pause at Freeze and move to Green's CONSUMER_VER at Unfreeze.</summary>
    [Id(1)] public ImmutableList<string>? ConsumerGroups { get; init; }
}

/// <summary>When a campaign waits for an operator between waves.</summary>
[GenerateSerializer]
[Alias("coordinator.ApprovalMode")]
public enum ApprovalMode
{
    /// <summary>Each wave starts when the one before it has completed.</summary>
    Automatic = 0,

    /// <summary>An operator approves each wave after the first.</summary>
    Manual = 1,
}

/// <summary>Who must approve what before a campaign goes on.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ApprovalPolicy")]
public sealed record ApprovalPolicy
{
    /// <summary>No approvals between waves, no two-person rule: the default.</summary>
    public static readonly ApprovalPolicy Automatic = new();

    /// <summary>Automatic or manual approval between waves.</summary>
    [Id(0)] public ApprovalMode Mode { get; init; } = ApprovalMode.Automatic;

    /// <summary>
    /// Two-person rule: every approval this campaign asks for (between waves, or after an
    /// inconclusive hold) must come from someone other than <see cref="CampaignSpec.Operator"/>.
    /// </summary>
    [Id(1)] public bool RequireDistinctApprover { get; init; }
}
