using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>
/// One cutover of one service to a target Green manifest, across ordered waves of regions. Read
/// from JSON by <see cref="Json.CampaignSpecReader"/>, checked by <see cref="CampaignSpecValidator"/>.
/// Defaults are the seed's; per-wave hold and fences inherit from the campaign when left out.
/// Collections compare by reference: compare two specs with <see cref="Json.CampaignSpecWriter.Fingerprint"/>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CampaignSpec")]
public sealed record CampaignSpec
{
    public const int CurrentVersion = 1;

    [Id(0)] public int Version { get; init; } = CurrentVersion;
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

    [Id(8)] public GateThresholds Gate { get; init; } = GateThresholds.Default;
    [Id(9)] public StopRules StopRules { get; init; } = StopRules.Default;
    [Id(10)] public ApprovalPolicy Approval { get; init; } = ApprovalPolicy.Automatic;
    [Id(11)] public required string Operator { get; init; }
    [Id(12)] public required string Reason { get; init; }

    /// <summary>How long a consumer move (to Green, or back to Blue) waits for the old version's instances to pause.</summary>
    [Id(13)] public TimeSpan ConsumerDrainTimeout { get; init; } = CampaignLimits.DefaultConsumerDrainTimeout;

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
    public static readonly FenceSpec None = new();

    /// <summary>Lease names of background writers (indexers, ETL).</summary>
    [Id(0)] public ImmutableList<string>? Writers { get; init; }

    [Id(1)] public ImmutableList<string>? ConsumerGroups { get; init; }
}

[GenerateSerializer]
[Alias("coordinator.ApprovalMode")]
public enum ApprovalMode
{
    /// <summary>Each wave starts when the one before it has completed.</summary>
    Automatic = 0,

    /// <summary>An operator approves each wave after the first.</summary>
    Manual = 1,
}

[GenerateSerializer, Immutable]
[Alias("coordinator.ApprovalPolicy")]
public sealed record ApprovalPolicy
{
    public static readonly ApprovalPolicy Automatic = new();

    [Id(0)] public ApprovalMode Mode { get; init; } = ApprovalMode.Automatic;

    /// <summary>
    /// Two-person rule: every approval this campaign asks for (between waves, or after an
    /// inconclusive hold) must come from someone other than <see cref="CampaignSpec.Operator"/>.
    /// </summary>
    [Id(1)] public bool RequireDistinctApprover { get; init; }
}
