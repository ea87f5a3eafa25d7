using System.Collections.Immutable;
using Coordinator.Campaigns;

namespace Coordinator.Campaigns;

/// <summary>
/// The Warm Green and Hold gates as pure functions. Every metric is judged by <see cref="MetricJudge"/>;
/// the gate's verdict is the worst metric's. Too few samples is never a pass.
/// </summary>
public static class CampaignGate
{
    /// <summary>
    /// Warm Green: the smoke report on the gold set, before the flip. There is no Blue to compare with
    /// and no traffic at risk, so there is no band: a metric that misses its target fails the gate.
    /// Too few complete items is inconclusive. With <paramref name="expected"/>, a report pinned to
    /// other versions fails and an unpinned one is inconclusive.
    /// </summary>
    public static GateResult EvaluateWarm(SmokeReport report, GateThresholds thresholds, ArmManifest? expected = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(thresholds);
        var t = thresholds;
        var summary = SmokeSummariser.Summarise(report, t.Paraphrases, t.LambdaSeeds);
        var incomplete = summary.IncompleteItemIds.Count == 0
            ? null
            : $"{summary.IncompleteItemIds.Count} incomplete, lacking {t.Paraphrases} paraphrases or {t.LambdaSeeds} λ seeds: {List(summary.IncompleteItemIds)}";
        var tooFew = summary.CompleteItems < t.MinSmokeItems
            ? $"{summary.CompleteItems} complete smoke items, at least {t.MinSmokeItems} needed"
            : null;

        var metrics = ImmutableList.CreateBuilder<MetricResult>();
        metrics.Add(new MetricJudge("smoke_items", MetricUnit.Count, MetricDirection.HigherIsBetter)
        {
            PassTarget = t.MinSmokeItems,
            TooFewSamples = tooFew is null ? null : Join(tooFew, incomplete),
            Detail = tooFew is null ? incomplete : null,
        }.Judge(summary.CompleteItems));

        if (expected is not null)
        {
            metrics.Add(Versions(PinnedVersions.Of(expected), report.Versions, mixed: false, "the smoke report"));
        }

        metrics.Add(new MetricJudge("delta_s_p95", MetricUnit.Score, MetricDirection.LowerIsBetter)
        {
            PassTarget = t.MaxDeltaS,
            Miss = GateVerdict.Fail,
            TooFewSamples = tooFew,
            Detail = summary.DeltaSWorstItemId is null ? null : $"worst paraphrase of each item; worst item {summary.DeltaSWorstItemId} at {Score(summary.DeltaSWorst!.Value)}",
        }.Judge(summary.DeltaSP95));

        metrics.Add(new MetricJudge("coverage_mean", MetricUnit.Ratio, MetricDirection.HigherIsBetter)
        {
            PassTarget = t.MinCoverage,
            Miss = GateVerdict.Fail,
            TooFewSamples = tooFew,
        }.Judge(summary.CoverageMean));

        metrics.Add(new MetricJudge("lambda_convergence", MetricUnit.Ratio, MetricDirection.HigherIsBetter)
        {
            PassTarget = t.MinSmokeLambdaConvergence,
            Miss = GateVerdict.Fail,
            TooFewSamples = tooFew,
            Detail = summary.NonConvergentItemIds.Count == 0 ? null : $"not convergent on every seed: {List(summary.NonConvergentItemIds)}",
        }.Judge(summary.LambdaConvergence));

        metrics.Add(new MetricJudge("latency_p95_ms", MetricUnit.Milliseconds, MetricDirection.LowerIsBetter)
        {
            PassTarget = t.SmokeMaxP95LatencyMs,
            Miss = GateVerdict.Fail,
            TooFewSamples = tooFew,
            Detail = summary.LatencyP50Ms is { } p50
                ? $"p50 {MetricJudge.Format(p50, MetricUnit.Milliseconds)}{(t.SmokeMaxP95LatencyMs is null ? "; compared with Blue during the hold" : string.Empty)}"
                : null,
        }.Judge(summary.LatencyP95Ms));

        return Result(GateKind.Warm, metrics.ToImmutable(), report.SubmittedAt);
    }

    /// <summary>
    /// Hold and watch: a live Green window against Blue's baseline window. A fired stop rule fails the
    /// gate; a value between its pass target and its stop rule, or too few samples, is inconclusive.
    /// With <paramref name="expectedCandidate"/>, a Green window pinned to other versions fails.
    /// </summary>
    public static GateResult EvaluateHold(
        TelemetryWindow candidate, TelemetryWindow baseline, GateThresholds thresholds, StopRules stopRules, ArmManifest? expectedCandidate = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(stopRules);
        if (candidate.Arm == baseline.Arm)
        {
            throw new ArgumentException($"The candidate and the baseline are both {candidate.Arm.ToWire()}: a gate compares the two arms.", nameof(baseline));
        }

        if (candidate.Service != baseline.Service || candidate.Region != baseline.Region)
        {
            throw new ArgumentException(
                $"The candidate is {candidate.Service}/{candidate.Region} but the baseline is {baseline.Service}/{baseline.Region}.", nameof(baseline));
        }

        var t = thresholds;
        var s = stopRules;
        var green = candidate.Arm.ToWire();
        var blue = baseline.Arm.ToWire();
        var requestsShort = Short(candidate.RequestCount, t.MinWindowRequests, $"{green} requests");
        var baselineRequestsShort = Short(baseline.RequestCount, t.MinWindowRequests, $"{blue} requests");
        var deltaSShort = Short(candidate.DeltaSSamples, t.MinQualitySamples, $"{green} ΔS samples");
        var baselineDeltaSShort = Short(baseline.DeltaSSamples, t.MinQualitySamples, $"{blue} ΔS samples");
        var coverageShort = Short(candidate.CoverageSamples, t.MinQualitySamples, $"{green} coverage samples");
        var lambdaShort = Short(candidate.LambdaSamples, t.MinQualitySamples, $"{green} λ samples");
        var baselineLambdaShort = Short(baseline.LambdaSamples, t.MinQualitySamples, $"{blue} λ samples");

        var metrics = ImmutableList.CreateBuilder<MetricResult>();
        metrics.Add(new MetricJudge("requests", MetricUnit.Count, MetricDirection.HigherIsBetter)
        {
            PassTarget = t.MinWindowRequests,
            TooFewSamples = requestsShort,
        }.Judge(candidate.RequestCount));

        var qualitySamples = Math.Min(candidate.DeltaSSamples, Math.Min(candidate.CoverageSamples, candidate.LambdaSamples));
        metrics.Add(new MetricJudge("quality_samples", MetricUnit.Count, MetricDirection.HigherIsBetter)
        {
            PassTarget = t.MinQualitySamples,
            TooFewSamples = deltaSShort ?? coverageShort ?? lambdaShort,
            Detail = "fewest of ΔS, coverage and λ samples",
        }.Judge(qualitySamples));

        metrics.Add(Versions(expectedCandidate is null ? null : PinnedVersions.Of(expectedCandidate), candidate.Versions, candidate.MixedVersions, $"the {green} window"));

        metrics.Add(new MetricJudge("error_rate", MetricUnit.Ratio, MetricDirection.LowerIsBetter)
        {
            PassTarget = t.MaxErrorRate,
            TooFewSamples = requestsShort,
            Detail = $"{candidate.ErrorCount} of {candidate.RequestCount} requests",
        }.Judge(candidate.ErrorRate));

        metrics.Add(new MetricJudge("http_5xx_rate", MetricUnit.Ratio, MetricDirection.LowerIsBetter)
        {
            StopAt = s.Max5xxRate,
            StopRule = "stop_rules.max_5xx_rate",
            TooFewSamples = requestsShort,
            Detail = $"{candidate.Http5xxCount} of {candidate.RequestCount} requests",
        }.Judge(candidate.Http5xxRate));

        metrics.Add(new MetricJudge("latency_p95_ms", MetricUnit.Milliseconds, MetricDirection.LowerIsBetter)
        {
            PassTarget = baseline.Latency.P95Ms * (1 + t.MaxP95LatencyIncrease),
            TooFewSamples = requestsShort ?? baselineRequestsShort,
            Detail = $"{blue} {Ms(baseline.Latency.P95Ms)} + {NumberRange.Format(t.MaxP95LatencyIncrease * 100)} %; p95 {green}/{blue} by stage: "
                + $"retrieve {Ms(candidate.RetrieveLatency.P95Ms)}/{Ms(baseline.RetrieveLatency.P95Ms)}, "
                + $"rerank {Ms(candidate.RerankLatency.P95Ms)}/{Ms(baseline.RerankLatency.P95Ms)}, "
                + $"reason {Ms(candidate.ReasonLatency.P95Ms)}/{Ms(baseline.ReasonLatency.P95Ms)}",
        }.Judge(candidate.Latency.P95Ms));

        metrics.Add(new MetricJudge("delta_s_p95", MetricUnit.Score, MetricDirection.LowerIsBetter)
        {
            PassTarget = t.MaxDeltaS,
            TooFewSamples = deltaSShort,
            Detail = $"mean {Score(candidate.DeltaSMean)}",
        }.Judge(candidate.DeltaSP95));

        metrics.Add(new MetricJudge("delta_s_p95_drift", MetricUnit.Score, MetricDirection.LowerIsBetter)
        {
            StopAt = s.MaxDeltaSP95Drift,
            StopRule = "stop_rules.max_delta_s_p95_drift",
            TooFewSamples = deltaSShort ?? baselineDeltaSShort,
            Detail = $"ΔS p95 {green} {Score(candidate.DeltaSP95)}, {blue} {Score(baseline.DeltaSP95)}",
        }.Judge(candidate.DeltaSP95 - baseline.DeltaSP95));

        metrics.Add(new MetricJudge("coverage_mean", MetricUnit.Ratio, MetricDirection.HigherIsBetter)
        {
            PassTarget = t.MinCoverage,
            StopAt = s.MinCoverage,
            StopRule = "stop_rules.min_coverage",
            TooFewSamples = coverageShort,
            Detail = $"{blue} {Score(baseline.CoverageMean)}",
        }.Judge(candidate.CoverageMean));

        metrics.Add(new MetricJudge("lambda_flip_rate", MetricUnit.Ratio, MetricDirection.LowerIsBetter)
        {
            PassTarget = baseline.LambdaFlipRate + t.MaxLambdaFlipIncrease,
            StopAt = s.MaxLambdaFlipRate,
            StopRule = "stop_rules.max_lambda_flip_rate",
            TooFewSamples = lambdaShort,
            TargetUnavailable = baselineLambdaShort,
            Detail = $"{blue} {Score(baseline.LambdaFlipRate)} + {NumberRange.Format(t.MaxLambdaFlipIncrease)}",
        }.Judge(candidate.LambdaFlipRate));

        metrics.Add(new MetricJudge("lambda_convergent", MetricUnit.Count, MetricDirection.HigherIsBetter)
        {
            PassTarget = 1,
            TooFewSamples = lambdaShort,
            Detail = candidate.LambdaConvergent ? "convergent across seeds" : "not convergent across seeds",
        }.Judge(candidate.LambdaConvergent ? 1 : 0));

        // A tool loop is an event, not a rate: it stops the hold however few requests there were.
        metrics.Add(new MetricJudge("tool_loop_signals", MetricUnit.Count, MetricDirection.LowerIsBetter)
        {
            StopAt = s.MaxToolLoopSignals,
            StopRule = "stop_rules.max_tool_loop_signals",
        }.Judge(candidate.ToolLoopSignals));

        return Result(GateKind.Hold, metrics.ToImmutable(), candidate.To);
    }

    /// <summary>Unknown or mixed versions are inconclusive; versions other than the expected ones fail.</summary>
    private static MetricResult Versions(PinnedVersions? expected, PinnedVersions? actual, bool mixed, string what)
    {
        GateVerdict verdict;
        string reason;
        if (mixed)
        {
            (verdict, reason) = (GateVerdict.Inconclusive, $"{what} mixes samples pinned to different versions");
        }
        else if (actual is null)
        {
            (verdict, reason) = (GateVerdict.Inconclusive, $"{what} is not pinned to its versions");
        }
        else if (expected is not null && ManifestDiff.Compare(expected, actual) is { Count: > 0 } differences)
        {
            (verdict, reason) = (GateVerdict.Fail, $"{what} ran on other versions than the target: {ManifestDiff.Describe(differences)}");
        }
        else
        {
            (verdict, reason) = (GateVerdict.Pass, $"pinned to index_hash {actual.IndexHash}, prompt_ver {actual.PromptVer}, model_ver {actual.ModelVer}");
        }

        return new MetricResult
        {
            Metric = "versions",
            Direction = MetricDirection.LowerIsBetter,
            Unit = MetricUnit.Count,
            Value = expected is null || actual is null ? null : ManifestDiff.Compare(expected, actual).Count,
            PassTarget = expected is null ? null : 0,
            Verdict = verdict,
            Reason = reason,
        };
    }

    private static GateResult Result(GateKind kind, ImmutableList<MetricResult> metrics, DateTimeOffset asOf)
    {
        var verdict = metrics.Max(m => m.Verdict);
        var reason = verdict == GateVerdict.Pass
            ? $"pass: all {metrics.Count} metrics pass"
            : $"{(verdict == GateVerdict.Fail ? "fail" : "inconclusive")}: "
              + string.Join("; ", metrics.Where(m => m.Verdict == verdict).Select(m => $"{m.Metric} {m.Reason}"));
        return new GateResult { Kind = kind, Verdict = verdict, Metrics = metrics, AsOf = asOf, Reason = reason };
    }

    private static string? Short(long count, long minimum, string what) =>
        count < minimum ? $"{count} {what}, at least {minimum} needed" : null;

    private static string Join(string first, string? second) => second is null ? first : $"{first}; {second}";

    private static string List(IReadOnlyList<string> ids) =>
        string.Join(", ", ids.Take(5)) + (ids.Count > 5 ? $" and {ids.Count - 5} more" : string.Empty);

    private static string Ms(double value) => MetricJudge.Format(value, MetricUnit.Milliseconds);

    private static string Score(double value) => MetricJudge.Format(value, MetricUnit.Score);
}
