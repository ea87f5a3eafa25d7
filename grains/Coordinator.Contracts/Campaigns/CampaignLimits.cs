namespace Coordinator.Campaigns;

/// <summary>
/// Sizes, defaults and allowed ranges of a campaign spec, in one place so the reader, the validator,
/// the console and the README agree. Every range is inclusive.
/// </summary>
public static class CampaignLimits
{
    /// <summary>A spec file is a few kilobytes; anything this large is the wrong file.</summary>
    public const int MaxSpecBytes = 256 * 1024;

    public const int MaxWaves = 100;

    /// <summary>Regions over all waves of one campaign.</summary>
    public const int MaxRegions = 1000;

    /// <summary>Writers, or consumer groups, in one fence list.</summary>
    public const int MaxFenceNames = 64;

    public static readonly TimeSpan DefaultHold = TimeSpan.FromMinutes(15);

    /// <summary>0 s (no hold: tests and benchmarks) to 24 h.</summary>
    public static readonly NumberRange HoldSeconds = new(0, 86_400, "seconds");

    /// <summary>
    /// The shortest span of Blue telemetry taken as a region's baseline at its flip (the wave's hold
    /// when longer): a hold of seconds must not shrink the baseline to a handful of requests.
    /// </summary>
    public static readonly TimeSpan MinBaselineWindow = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan DefaultConsumerDrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>1 s to 30 min, the consumer pointer's own bounds for a drain.</summary>
    public static readonly NumberRange ConsumerDrainSeconds = new(1, 1_800, "seconds");

    /// <summary>Failed consumer moves back to Blue retried in a row before a rollback stops for an operator.</summary>
    public const int RollbackMoveAttempts = 3;

    public static readonly TimeSpan DefaultSmokeDeadline = TimeSpan.FromMinutes(10);

    /// <summary>1 s to 24 h: how long Warm Green waits for a smoke report.</summary>
    public static readonly NumberRange SmokeDeadlineSeconds = new(1, 86_400, "seconds");

    // Gate thresholds.
    public static readonly NumberRange MaxDeltaS = new(0, 1);
    public static readonly NumberRange Paraphrases = new(1, 10);
    public static readonly NumberRange MinCoverage = new(0, 1);
    public static readonly NumberRange LambdaSeeds = new(2, 10);
    public static readonly NumberRange MinSmokeLambdaConvergence = new(0, 1);
    public static readonly NumberRange MaxLambdaFlipIncrease = new(0, 1);
    public static readonly NumberRange MaxP95LatencyIncrease = new(0, 10);
    public static readonly NumberRange MaxErrorRate = new(0, 1);
    public static readonly NumberRange MinSmokeItems = new(1, 1000);
    public static readonly NumberRange MinWindowRequests = new(1, 1_000_000_000);
    public static readonly NumberRange MinQualitySamples = new(1, 1_000_000_000);
    public static readonly NumberRange SmokeMaxP95LatencyMs = new(1, 3_600_000, "ms");

    // Stop rules.
    public static readonly NumberRange MaxDeltaSP95Drift = new(0, 1);
    public static readonly NumberRange StopMinCoverage = new(0, 1);
    public static readonly NumberRange MaxLambdaFlipRate = new(0, 1);
    public static readonly NumberRange Max5xxRate = new(0, 1);
    public static readonly NumberRange MaxToolLoopSignals = new(0, 1_000_000);
}
