namespace Coordinator.Campaigns;

/// <summary>
/// Sizes, defaults and allowed ranges of a campaign spec, in one place so the reader, the validator,
/// the console and the README agree. Every range is inclusive.
/// </summary>
public static class CampaignLimits
{
    /// <summary>A spec file is a few kilobytes; anything this large is the wrong file.</summary>
    public const int MaxSpecBytes = 256 * 1024;

    /// <summary>Waves in one campaign.</summary>
    public const int MaxWaves = 100;

    /// <summary>Regions over all waves of one campaign.</summary>
    public const int MaxRegions = 1000;

    /// <summary>Writers, or consumer groups, in one fence list.</summary>
    public const int MaxFenceNames = 64;

    /// <summary>Hold and watch per region when the spec gives none.</summary>
    public static readonly TimeSpan DefaultHold = TimeSpan.FromMinutes(15);

    /// <summary>0 s (no hold: tests and benchmarks) to 24 h.</summary>
    public static readonly NumberRange HoldSeconds = new(0, 86_400, "seconds");

    /// <summary>
    /// The shortest span of Blue telemetry taken as a region's baseline at its flip (the wave's hold
    /// when longer): a hold of seconds must not shrink the baseline to a handful of requests.
    /// </summary>
    public static readonly TimeSpan MinBaselineWindow = TimeSpan.FromMinutes(1);

    /// <summary>How long a consumer move waits for the old version to drain when the spec gives none.</summary>
    public static readonly TimeSpan DefaultConsumerDrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>1 s to 30 min, the consumer pointer's own bounds for a drain.</summary>
    public static readonly NumberRange ConsumerDrainSeconds = new(1, 1_800, "seconds");

    /// <summary>Failed consumer moves back to Blue retried in a row before a rollback stops for an operator.</summary>
    public const int RollbackMoveAttempts = 3;

    /// <summary>How long Warm Green waits for a smoke report when the spec gives none.</summary>
    public static readonly TimeSpan DefaultSmokeDeadline = TimeSpan.FromMinutes(10);

    /// <summary>1 s to 24 h: how long Warm Green waits for a smoke report.</summary>
    public static readonly NumberRange SmokeDeadlineSeconds = new(1, 86_400, "seconds");

    /// <summary>
    /// A gold set carried in a spec, in characters: room for about 150 items while the spec with it stays
    /// under <see cref="MaxSpecBytes"/> (the shipped one is about 25 KB).
    /// </summary>
    public const int MaxGoldSetChars = 160 * 1024;

    /// <summary>Seeds of the coordinator's evaluator (distinct).</summary>
    public static readonly NumberRange WarmSeeds = new(1, 10);

    /// <summary>Calls in flight at once for the coordinator's evaluator.</summary>
    public static readonly NumberRange WarmConcurrency = new(1, 64);

    /// <summary>Per call to the arm: 0.1 s to 5 min.</summary>
    public static readonly NumberRange WarmCallTimeoutSeconds = new(0.1, 300, "seconds");

    /// <summary>Warm-up passes before measuring.</summary>
    public static readonly NumberRange WarmWarmup = new(0, 5);

    // Gate thresholds.
    /// <summary>Allowed <see cref="GateThresholds.MaxDeltaS"/>: a ΔS between 0 and 1.</summary>
    public static readonly NumberRange MaxDeltaS = new(0, 1);
    /// <summary>Allowed <see cref="GateThresholds.Paraphrases"/> per gold item.</summary>
    public static readonly NumberRange Paraphrases = new(1, 10);
    /// <summary>Allowed <see cref="GateThresholds.MinCoverage"/>, a share.</summary>
    public static readonly NumberRange MinCoverage = new(0, 1);
    /// <summary>Allowed <see cref="GateThresholds.LambdaSeeds"/>; at least two, or convergence across seeds means nothing.</summary>
    public static readonly NumberRange LambdaSeeds = new(2, 10);
    /// <summary>Allowed <see cref="GateThresholds.MinSmokeLambdaConvergence"/>, a share of items.</summary>
    public static readonly NumberRange MinSmokeLambdaConvergence = new(0, 1);
    /// <summary>Allowed <see cref="GateThresholds.MaxLambdaFlipIncrease"/>, a difference of rates.</summary>
    public static readonly NumberRange MaxLambdaFlipIncrease = new(0, 1);
    /// <summary>Allowed <see cref="GateThresholds.MaxP95LatencyIncrease"/>: 0 (no slower than Blue) to 10 (eleven times Blue).</summary>
    public static readonly NumberRange MaxP95LatencyIncrease = new(0, 10);
    /// <summary>Allowed <see cref="GateThresholds.MaxErrorRate"/>, a share of requests.</summary>
    public static readonly NumberRange MaxErrorRate = new(0, 1);
    /// <summary>Allowed <see cref="GateThresholds.MinSmokeItems"/>; at most <see cref="SmokeReport.MaxItems"/>.</summary>
    public static readonly NumberRange MinSmokeItems = new(1, 1000);
    /// <summary>Allowed <see cref="GateThresholds.MinWindowRequests"/>.</summary>
    public static readonly NumberRange MinWindowRequests = new(1, 1_000_000_000);
    /// <summary>Allowed <see cref="GateThresholds.MinQualitySamples"/>.</summary>
    public static readonly NumberRange MinQualitySamples = new(1, 1_000_000_000);
    /// <summary>Allowed <see cref="GateThresholds.SmokeMaxP95LatencyMs"/>, 1 ms to 1 h.</summary>
    public static readonly NumberRange SmokeMaxP95LatencyMs = new(1, 3_600_000, "ms");

    /// <summary>Allowed <see cref="JudgeSpec.Alpha"/>, a two-sided significance level.</summary>
    public static readonly NumberRange JudgeAlpha = new(0.000001, 0.5);
    /// <summary>Allowed <see cref="JudgeSpec.MinPoints"/>: the normal approximation needs some points a side.</summary>
    public static readonly NumberRange JudgeMinPoints = new(10, 1_000_000_000);

    // Stop rules.
    /// <summary>Allowed <see cref="StopRules.MaxDeltaSP95Drift"/>, a ΔS difference.</summary>
    public static readonly NumberRange MaxDeltaSP95Drift = new(0, 1);
    /// <summary>Allowed <see cref="StopRules.MinCoverage"/>, a share.</summary>
    public static readonly NumberRange StopMinCoverage = new(0, 1);
    /// <summary>Allowed <see cref="StopRules.MaxLambdaFlipRate"/>, a share of λ samples.</summary>
    public static readonly NumberRange MaxLambdaFlipRate = new(0, 1);
    /// <summary>Allowed <see cref="StopRules.Max5xxRate"/>, a share of requests.</summary>
    public static readonly NumberRange Max5xxRate = new(0, 1);
    /// <summary>Allowed <see cref="StopRules.MaxToolLoopSignals"/>.</summary>
    public static readonly NumberRange MaxToolLoopSignals = new(0, 1_000_000);
}
