using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>What the Warm Green gate judges: the smoke report, its summary and the targets.</summary>
internal sealed record WarmEvidence(SmokeReport Report, SmokeSummary Summary, GateThresholds Thresholds, ArmManifest? Expected)
{
    /// <summary>Which items lack paraphrases or seeds; null when every item is complete.</summary>
    public string? Incomplete { get; } = Summary.IncompleteItemIds.Count == 0
        ? null
        : $"{Summary.IncompleteItemIds.Count} incomplete, lacking {Thresholds.Paraphrases} paraphrases or {Thresholds.LambdaSeeds} λ seeds: {GateText.List(Summary.IncompleteItemIds)}";

    /// <summary>Set when too few items are complete: every metric is then inconclusive.</summary>
    public string? TooFew { get; } = Summary.CompleteItems < Thresholds.MinSmokeItems
        ? $"{Summary.CompleteItems} complete smoke items, at least {Thresholds.MinSmokeItems} needed"
        : null;
}

/// <summary>
/// The Warm Green metrics in report order. No Blue to compare with and no traffic at risk, so no
/// band: a missed target fails (<see cref="GateVerdict.Fail"/>), except the item count, which is
/// inconclusive until enough items are complete.
/// </summary>
internal static class WarmGateMetrics
{
    public static readonly ImmutableArray<GateMetric<WarmEvidence>> All =
    [
        new JudgedMetric<WarmEvidence>("smoke_items", MetricUnit.Count, MetricDirection.HigherIsBetter, e => e.Summary.CompleteItems)
        {
            PassTarget = e => e.Thresholds.MinSmokeItems,
            TooFewSamples = e => e.TooFew is null ? null : GateText.Join(e.TooFew, e.Incomplete),
            Detail = e => e.TooFew is null ? e.Incomplete : null,
        },
        new ComputedMetric<WarmEvidence>(e => e.Expected is null
            ? null
            : VersionsCheck.Judge(PinnedVersions.Of(e.Expected), e.Report.Versions, mixed: false, "the smoke report")),
        new JudgedMetric<WarmEvidence>("delta_s_p95", MetricUnit.Score, MetricDirection.LowerIsBetter, e => e.Summary.DeltaSP95)
        {
            PassTarget = e => e.Thresholds.MaxDeltaS,
            Miss = GateVerdict.Fail,
            TooFewSamples = e => e.TooFew,
            Detail = e => e.Summary.DeltaSWorstItemId is null
                ? null
                : $"worst paraphrase of each item; worst item {e.Summary.DeltaSWorstItemId} at {GateText.Score(e.Summary.DeltaSWorst!.Value)}",
        },
        new JudgedMetric<WarmEvidence>("coverage_mean", MetricUnit.Ratio, MetricDirection.HigherIsBetter, e => e.Summary.CoverageMean)
        {
            PassTarget = e => e.Thresholds.MinCoverage,
            Miss = GateVerdict.Fail,
            TooFewSamples = e => e.TooFew,
        },
        new JudgedMetric<WarmEvidence>("lambda_convergence", MetricUnit.Ratio, MetricDirection.HigherIsBetter, e => e.Summary.LambdaConvergence)
        {
            PassTarget = e => e.Thresholds.MinSmokeLambdaConvergence,
            Miss = GateVerdict.Fail,
            TooFewSamples = e => e.TooFew,
            Detail = e => e.Summary.NonConvergentItemIds.Count == 0
                ? null
                : $"not convergent on every seed: {GateText.List(e.Summary.NonConvergentItemIds)}",
        },
        new JudgedMetric<WarmEvidence>("latency_p95_ms", MetricUnit.Milliseconds, MetricDirection.LowerIsBetter, e => e.Summary.LatencyP95Ms)
        {
            PassTarget = e => e.Thresholds.SmokeMaxP95LatencyMs,
            Miss = GateVerdict.Fail,
            TooFewSamples = e => e.TooFew,
            Detail = e => e.Summary.LatencyP50Ms is { } p50
                ? $"p50 {GateText.Ms(p50)}{(e.Thresholds.SmokeMaxP95LatencyMs is null ? "; compared with Blue during the hold" : string.Empty)}"
                : null,
        },
    ];
}
