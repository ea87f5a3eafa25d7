namespace Coordinator.Campaigns;

/// <summary>
/// Pass targets of the Warm Green and Hold gates; defaults are the seed's acceptance targets plus
/// the minimum sample counts below which a gate is inconclusive. Ranges: <see cref="CampaignLimits"/>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.GateThresholds")]
public sealed record GateThresholds
{
    /// <summary>The seed's targets: what a spec gets when it sets no gate.</summary>
    public static readonly GateThresholds Default = new();

    /// <summary>ΔS(question, retrieved) at most this (smoke: on every paraphrase; hold: window p95).</summary>
    [Id(0)] public double MaxDeltaS { get; init; } = 0.45;

    /// <summary>Paraphrases per gold item a smoke report must carry.</summary>
    [Id(1)] public int Paraphrases { get; init; } = 3;

    /// <summary>Coverage at least this (smoke: mean over items; hold: window mean), a share in [0, 1].</summary>
    [Id(2)] public double MinCoverage { get; init; } = 0.70;

    /// <summary>Seeds per gold item a smoke report must carry λ states for.</summary>
    [Id(3)] public int LambdaSeeds { get; init; } = 2;

    /// <summary>Share of smoke items that must be λ-convergent on every seed (1 = all of them).</summary>
    [Id(4)] public double MinSmokeLambdaConvergence { get; init; } = 1.0;

    /// <summary>Green's λ flip rate may exceed Blue's by at most this (0 = no more flips than Blue).</summary>
    [Id(5)] public double MaxLambdaFlipIncrease { get; init; }

    /// <summary>Green's p95 latency at most Blue's × (1 + this).</summary>
    [Id(6)] public double MaxP95LatencyIncrease { get; init; } = 0.15;

    /// <summary>Errors / requests.</summary>
    [Id(7)] public double MaxErrorRate { get; init; } = 0.005;

    /// <summary>Complete gold items (all paraphrases and seeds) a smoke report needs.</summary>
    [Id(8)] public int MinSmokeItems { get; init; } = 20;

    /// <summary>Requests a telemetry window needs before its rates and latencies are judged.</summary>
    [Id(9)] public long MinWindowRequests { get; init; } = 200;

    /// <summary>ΔS, coverage and λ samples a telemetry window needs before they are judged.</summary>
    [Id(10)] public long MinQualitySamples { get; init; } = 50;

    /// <summary>Optional absolute p95 bound on smoke latencies; null: latency is only compared with Blue during the hold.</summary>
    [Id(11)] public double? SmokeMaxP95LatencyMs { get; init; }
}

/// <summary>Conditions that fail the hold and roll the campaign back; defaults are the seed's.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.StopRules")]
public sealed record StopRules
{
    /// <summary>The seed's stop rules: what a spec gets when it sets none.</summary>
    public static readonly StopRules Default = new();

    /// <summary>Stop if Green's ΔS p95 exceeds Blue's by more than this.</summary>
    [Id(0)] public double MaxDeltaSP95Drift { get; init; } = 0.15;

    /// <summary>Stop if Green's coverage falls below this.</summary>
    [Id(1)] public double MinCoverage { get; init; } = 0.60;

    /// <summary>Stop if Green's λ flip rate exceeds this.</summary>
    [Id(2)] public double MaxLambdaFlipRate { get; init; } = 0.20;

    /// <summary>Stop if 5xx / requests exceeds this.</summary>
    [Id(3)] public double Max5xxRate { get; init; } = 0.01;

    /// <summary>Stop if more tool-loop signals than this are seen (0: the first one stops).</summary>
    [Id(4)] public long MaxToolLoopSignals { get; init; }
}
