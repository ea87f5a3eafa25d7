namespace Coordinator.Campaigns;

/// <summary>One row of a gate's metric table: evaluated against the gate's evidence, in table order.</summary>
internal abstract class GateMetric<TEvidence>
{
    /// <summary>Null when the metric does not apply to this evidence (e.g. no expected versions at Warm Green).</summary>
    public abstract MetricResult? Evaluate(TEvidence evidence);
}

/// <summary>
/// A metric judged by <see cref="MetricJudge"/>: the name, unit and direction are fixed, the value,
/// target, stop value and sample checks are read from the evidence.
/// </summary>
internal sealed class JudgedMetric<TEvidence>(string metric, MetricUnit unit, MetricDirection direction, Func<TEvidence, double?> value)
    : GateMetric<TEvidence>
{
    public Func<TEvidence, double?>? PassTarget { get; init; }

    /// <summary>The stop value; only with <see cref="StopRule"/>.</summary>
    public Func<TEvidence, double?>? StopAt { get; init; }

    public string? StopRule { get; init; }
    public GateVerdict Miss { get; init; } = GateVerdict.Inconclusive;
    public Func<TEvidence, string?>? TooFewSamples { get; init; }
    public Func<TEvidence, string?>? TargetUnavailable { get; init; }
    public Func<TEvidence, string?>? Detail { get; init; }

    public override MetricResult Evaluate(TEvidence evidence) => new MetricJudge(metric, unit, direction)
    {
        PassTarget = PassTarget?.Invoke(evidence),
        StopAt = StopAt?.Invoke(evidence),
        StopRule = StopRule,
        Miss = Miss,
        TooFewSamples = TooFewSamples?.Invoke(evidence),
        TargetUnavailable = TargetUnavailable?.Invoke(evidence),
        Detail = Detail?.Invoke(evidence),
    }.Judge(value(evidence));
}

/// <summary>A metric with its own rule rather than <see cref="MetricJudge"/>'s (the versions check).</summary>
internal sealed class ComputedMetric<TEvidence>(Func<TEvidence, MetricResult?> evaluate) : GateMetric<TEvidence>
{
    public override MetricResult? Evaluate(TEvidence evidence) => evaluate(evidence);
}
