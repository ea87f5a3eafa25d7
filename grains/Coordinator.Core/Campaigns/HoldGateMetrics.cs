using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>What the Hold gate judges: Green's live window against Blue's baseline, with targets and stop rules.</summary>
internal sealed record HoldEvidence(
    TelemetryWindow Candidate, TelemetryWindow Baseline, GateThresholds Thresholds, StopRules StopRules, ArmManifest? Expected, JudgeSpec Judge)
{
    public string Green { get; } = Candidate.Arm.ToWire();
    public string Blue { get; } = Baseline.Arm.ToWire();

    // Each is set when that sample count is below its minimum; the metrics that depend on it are inconclusive.
    public string? RequestsShort { get; } = Short(Candidate.RequestCount, Thresholds.MinWindowRequests, $"{Candidate.Arm.ToWire()} requests");
    public string? BaselineRequestsShort { get; } = Short(Baseline.RequestCount, Thresholds.MinWindowRequests, $"{Baseline.Arm.ToWire()} requests");
    public string? DeltaSShort { get; } = Short(Candidate.DeltaSSamples, Thresholds.MinQualitySamples, $"{Candidate.Arm.ToWire()} ΔS samples");
    public string? BaselineDeltaSShort { get; } = Short(Baseline.DeltaSSamples, Thresholds.MinQualitySamples, $"{Baseline.Arm.ToWire()} ΔS samples");
    public string? CoverageShort { get; } = Short(Candidate.CoverageSamples, Thresholds.MinQualitySamples, $"{Candidate.Arm.ToWire()} coverage samples");
    public string? LambdaShort { get; } = Short(Candidate.LambdaSamples, Thresholds.MinQualitySamples, $"{Candidate.Arm.ToWire()} λ samples");
    public string? BaselineLambdaShort { get; } = Short(Baseline.LambdaSamples, Thresholds.MinQualitySamples, $"{Baseline.Arm.ToWire()} λ samples");

    private static string? Short(long count, long minimum, string what) =>
        count < minimum ? $"{count} {what}, at least {minimum} needed" : null;
}

/// <summary>
/// The Hold metrics in report order. A fired stop rule fails; a value between its pass target and
/// its stop rule, or too few samples, is inconclusive.
/// </summary>
internal static class HoldGateMetrics
{
    public static readonly ImmutableArray<GateMetric<HoldEvidence>> All =
    [
        new JudgedMetric<HoldEvidence>("requests", MetricUnit.Count, MetricDirection.HigherIsBetter, e => e.Candidate.RequestCount)
        {
            PassTarget = e => e.Thresholds.MinWindowRequests,
            TooFewSamples = e => e.RequestsShort,
        },
        new JudgedMetric<HoldEvidence>(
            "quality_samples", MetricUnit.Count, MetricDirection.HigherIsBetter,
            e => Math.Min(e.Candidate.DeltaSSamples, Math.Min(e.Candidate.CoverageSamples, e.Candidate.LambdaSamples)))
        {
            PassTarget = e => e.Thresholds.MinQualitySamples,
            TooFewSamples = e => e.DeltaSShort ?? e.CoverageShort ?? e.LambdaShort,
            Detail = _ => "fewest of ΔS, coverage and λ samples",
        },
        new ComputedMetric<HoldEvidence>(e => VersionsCheck.Judge(
            e.Expected is null ? null : PinnedVersions.Of(e.Expected), e.Candidate.Versions, e.Candidate.MixedVersions, $"the {e.Green} window")),
        new JudgedMetric<HoldEvidence>("error_rate", MetricUnit.Ratio, MetricDirection.LowerIsBetter, e => e.Candidate.ErrorRate)
        {
            PassTarget = e => e.Thresholds.MaxErrorRate,
            TooFewSamples = e => e.RequestsShort,
            Detail = e => $"{e.Candidate.ErrorCount} of {e.Candidate.RequestCount} requests",
        },
        new JudgedMetric<HoldEvidence>("http_5xx_rate", MetricUnit.Ratio, MetricDirection.LowerIsBetter, e => e.Candidate.Http5xxRate)
        {
            StopAt = e => e.StopRules.Max5xxRate,
            StopRule = "stop_rules.max_5xx_rate",
            TooFewSamples = e => e.RequestsShort,
            Detail = e => $"{e.Candidate.Http5xxCount} of {e.Candidate.RequestCount} requests",
        },
        new RankJudgedMetric(
            new JudgedMetric<HoldEvidence>("latency_p95_ms", MetricUnit.Milliseconds, MetricDirection.LowerIsBetter, e => e.Candidate.Latency.P95Ms)
            {
                PassTarget = e => e.Baseline.Latency.P95Ms * (1 + e.Thresholds.MaxP95LatencyIncrease),
                TooFewSamples = e => e.RequestsShort ?? e.BaselineRequestsShort,
                Detail = e => $"{e.Blue} {GateText.Ms(e.Baseline.Latency.P95Ms)} + {NumberRange.Format(e.Thresholds.MaxP95LatencyIncrease * 100)} %; p95 {e.Green}/{e.Blue} by stage: "
                    + $"retrieve {GateText.Ms(e.Candidate.RetrieveLatency.P95Ms)}/{GateText.Ms(e.Baseline.RetrieveLatency.P95Ms)}, "
                    + $"rerank {GateText.Ms(e.Candidate.RerankLatency.P95Ms)}/{GateText.Ms(e.Baseline.RerankLatency.P95Ms)}, "
                    + $"reason {GateText.Ms(e.Candidate.ReasonLatency.P95Ms)}/{GateText.Ms(e.Baseline.ReasonLatency.P95Ms)}",
            },
            MetricDirection.LowerIsBetter,
            j => j.LatencyP95,
            w => w.LatencyHistogram),
        new RankJudgedMetric(
            new JudgedMetric<HoldEvidence>("delta_s_p95", MetricUnit.Score, MetricDirection.LowerIsBetter, e => e.Candidate.DeltaSP95)
            {
                PassTarget = e => e.Thresholds.MaxDeltaS,
                TooFewSamples = e => e.DeltaSShort,
                Detail = e => $"mean {GateText.Score(e.Candidate.DeltaSMean)}",
            },
            MetricDirection.LowerIsBetter,
            j => j.DeltaSP95,
            w => w.DeltaSHistogram),
        new JudgedMetric<HoldEvidence>("delta_s_p95_drift", MetricUnit.Score, MetricDirection.LowerIsBetter, e => e.Candidate.DeltaSP95 - e.Baseline.DeltaSP95)
        {
            StopAt = e => e.StopRules.MaxDeltaSP95Drift,
            StopRule = "stop_rules.max_delta_s_p95_drift",
            TooFewSamples = e => e.DeltaSShort ?? e.BaselineDeltaSShort,
            Detail = e => $"ΔS p95 {e.Green} {GateText.Score(e.Candidate.DeltaSP95)}, {e.Blue} {GateText.Score(e.Baseline.DeltaSP95)}",
        },
        new JudgedMetric<HoldEvidence>("coverage_mean", MetricUnit.Ratio, MetricDirection.HigherIsBetter, e => e.Candidate.CoverageMean)
        {
            PassTarget = e => e.Thresholds.MinCoverage,
            StopAt = e => e.StopRules.MinCoverage,
            StopRule = "stop_rules.min_coverage",
            TooFewSamples = e => e.CoverageShort,
            Detail = e => $"{e.Blue} {GateText.Score(e.Baseline.CoverageMean)}",
        },
        new JudgedMetric<HoldEvidence>("lambda_flip_rate", MetricUnit.Ratio, MetricDirection.LowerIsBetter, e => e.Candidate.LambdaFlipRate)
        {
            PassTarget = e => e.Baseline.LambdaFlipRate + e.Thresholds.MaxLambdaFlipIncrease,
            StopAt = e => e.StopRules.MaxLambdaFlipRate,
            StopRule = "stop_rules.max_lambda_flip_rate",
            TooFewSamples = e => e.LambdaShort,
            TargetUnavailable = e => e.BaselineLambdaShort,
            Detail = e => $"{e.Blue} {GateText.Score(e.Baseline.LambdaFlipRate)} + {NumberRange.Format(e.Thresholds.MaxLambdaFlipIncrease)}",
        },
        new JudgedMetric<HoldEvidence>("lambda_convergent", MetricUnit.Count, MetricDirection.HigherIsBetter, e => e.Candidate.LambdaConvergent ? 1 : 0)
        {
            PassTarget = _ => 1,
            TooFewSamples = e => e.LambdaShort,
            Detail = e => e.Candidate.LambdaConvergent ? "convergent across seeds" : "not convergent across seeds",
        },

        // A tool loop is an event, not a rate: it stops the hold however few requests there were.
        new JudgedMetric<HoldEvidence>("tool_loop_signals", MetricUnit.Count, MetricDirection.LowerIsBetter, e => e.Candidate.ToolLoopSignals)
        {
            StopAt = e => e.StopRules.MaxToolLoopSignals,
            StopRule = "stop_rules.max_tool_loop_signals",
        },
    ];
}
