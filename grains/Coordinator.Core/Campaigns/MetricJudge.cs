using Coordinator.Campaigns;

namespace Coordinator.Campaigns;

/// <summary>
/// The one rule every gate metric follows, in this order: too few samples → Inconclusive; a stop
/// rule beyond its value → Fail naming the rule; a missed pass target → the caller's miss verdict
/// (Inconclusive in the hold band, Fail at Warm Green); otherwise Pass.
/// </summary>
internal sealed record MetricJudge(string Metric, MetricUnit Unit, MetricDirection Direction)
{
    public double? PassTarget { get; init; }
    public double? StopAt { get; init; }
    public string? StopRule { get; init; }

    /// <summary>What a missed pass target means: Inconclusive (between target and stop) or Fail.</summary>
    public GateVerdict Miss { get; init; } = GateVerdict.Inconclusive;

    /// <summary>Set when the metric's own samples are too few: nothing is judged.</summary>
    public string? TooFewSamples { get; init; }

    /// <summary>Set when the stop rule can be judged but the target cannot (e.g. Blue's window is too small).</summary>
    public string? TargetUnavailable { get; init; }

    /// <summary>Context appended to the reason, e.g. "Blue 380 ms".</summary>
    public string? Detail { get; init; }

    public MetricResult Judge(double? value)
    {
        var (verdict, reason) = Decide(value);
        if (Detail is not null)
        {
            reason += $" ({Detail})";
        }

        return new MetricResult
        {
            Metric = Metric,
            Value = value,
            PassTarget = PassTarget,
            StopAt = StopAt,
            StopRule = StopRule,
            Direction = Direction,
            Unit = Unit,
            Verdict = verdict,
            Reason = reason,
        };
    }

    private (GateVerdict, string) Decide(double? value)
    {
        if (TooFewSamples is not null)
        {
            return (GateVerdict.Inconclusive, "too few samples: " + TooFewSamples);
        }

        if (value is not { } v || !double.IsFinite(v))
        {
            return (GateVerdict.Inconclusive, "no usable value");
        }

        var lowerIsBetter = Direction == MetricDirection.LowerIsBetter;
        if (StopAt is { } stop && (lowerIsBetter ? v > stop : v < stop))
        {
            return (GateVerdict.Fail, $"{Format(v)} {(lowerIsBetter ? ">" : "<")} {Format(stop)}: stop rule {StopRule} fired");
        }

        if (TargetUnavailable is not null)
        {
            return (GateVerdict.Inconclusive, $"{Format(v)}, cannot be compared: {TargetUnavailable}");
        }

        if (PassTarget is { } target && !(lowerIsBetter ? v <= target : v >= target))
        {
            var missed = $"{Format(v)} misses the target {(lowerIsBetter ? "≤" : "≥")} {Format(target)}";
            return Miss == GateVerdict.Fail || StopAt is null
                ? (Miss, missed)
                : (Miss, $"{missed}; its stop rule ({(lowerIsBetter ? ">" : "<")} {Format(StopAt.Value)}) has not fired");
        }

        if (PassTarget is { } met)
        {
            return (GateVerdict.Pass, $"{Format(v)} {(lowerIsBetter ? "≤" : "≥")} {Format(met)}");
        }

        return StopAt is { } limit
            ? (GateVerdict.Pass, $"{Format(v)} within the stop rule {StopRule} ({(lowerIsBetter ? "≤" : "≥")} {Format(limit)})")
            : (GateVerdict.Pass, $"{Format(v)}, informational: no target");
    }

    public string Format(double value) => Format(value, Unit);

    public static string Format(double value, MetricUnit unit) => unit switch
    {
        MetricUnit.Milliseconds => NumberRange.Format(Math.Round(value, 1)) + " ms",
        MetricUnit.Count => NumberRange.Format(Math.Round(value)),
        _ => NumberRange.Format(Math.Round(value, 4)),
    };
}
