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
        var summary = SmokeSummariser.Summarise(report, thresholds.Paraphrases, thresholds.LambdaSeeds);
        return Result(GateKind.Warm, WarmGateMetrics.All, new WarmEvidence(report, summary, thresholds, expected), report.SubmittedAt);
    }

    /// <summary>
    /// Hold and watch: a live Green window against Blue's baseline window. A fired stop rule fails the
    /// gate; a value between its pass target and its stop rule, or too few samples, is inconclusive.
    /// With <paramref name="expectedCandidate"/>, a Green window pinned to other versions fails.
    /// <paramref name="judge"/> (thresholds only when null) hands latency and ΔS to the rank test, alone or beside their thresholds.
    /// </summary>
    public static GateResult EvaluateHold(
        TelemetryWindow candidate, TelemetryWindow baseline, GateThresholds thresholds, StopRules stopRules, ArmManifest? expectedCandidate = null,
        JudgeSpec? judge = null)
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

        var evidence = new HoldEvidence(candidate, baseline, thresholds, stopRules, expectedCandidate, judge ?? JudgeSpec.Default);
        return Result(GateKind.Hold, HoldGateMetrics.All, evidence, candidate.To);
    }

    /// <summary>Evaluates the table in order; metrics that do not apply to this evidence are left out.</summary>
    private static GateResult Result<TEvidence>(
        GateKind kind, ImmutableArray<GateMetric<TEvidence>> table, TEvidence evidence, DateTimeOffset asOf)
    {
        var metrics = ImmutableList.CreateBuilder<MetricResult>();
        foreach (var metric in table)
        {
            if (metric.Evaluate(evidence) is { } result)
            {
                metrics.Add(result);
            }
        }

        var verdict = metrics.Max(m => m.Verdict);
        var reason = verdict == GateVerdict.Pass
            ? $"pass: all {metrics.Count} metrics pass"
            : $"{(verdict == GateVerdict.Fail ? "fail" : "inconclusive")}: "
              + string.Join("; ", metrics.Where(m => m.Verdict == verdict).Select(m => $"{m.Metric} {m.Reason}"));
        return new GateResult { Kind = kind, Verdict = verdict, Metrics = metrics.ToImmutable(), AsOf = asOf, Reason = reason };
    }
}
