using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>Ordered from best to worst, so the worst of several verdicts is the greatest.</summary>
[GenerateSerializer]
[Alias("coordinator.GateVerdict")]
public enum GateVerdict
{
    /// <summary>The metric met its target (and no stop rule fired).</summary>
    Pass = 0,

    /// <summary>Too few samples, or a value between its pass target and its stop rule.</summary>
    Inconclusive = 1,

    /// <summary>A stop rule fired (hold), or a target was missed (warm).</summary>
    Fail = 2,
}

/// <summary>Which gate judged.</summary>
[GenerateSerializer]
[Alias("coordinator.GateKind")]
public enum GateKind
{
    /// <summary>The smoke report before the flip.</summary>
    Warm = 0,

    /// <summary>A live telemetry window of Green against Blue's baseline after the flip.</summary>
    Hold = 1,
}

/// <summary>Which way a metric improves.</summary>
[GenerateSerializer]
[Alias("coordinator.MetricDirection")]
public enum MetricDirection
{
    /// <summary>Passes at or below its target; its stop rule fires above its stop value.</summary>
    LowerIsBetter = 0,

    /// <summary>Passes at or above its target; its stop rule fires below its stop value.</summary>
    HigherIsBetter = 1,
}

/// <summary>How a metric's numbers read (and how reasons format them).</summary>
[GenerateSerializer]
[Alias("coordinator.MetricUnit")]
public enum MetricUnit
{
    /// <summary>A whole number: requests, samples, items, signals.</summary>
    Count = 0,

    /// <summary>A share between 0 and 1 (rates, coverage, λ).</summary>
    Ratio = 1,

    /// <summary>ΔS, between 0 and 1.</summary>
    Score = 2,

    /// <summary>A latency.</summary>
    Milliseconds = 3,
}

/// <summary>One metric's number against its target and stop rule, and what the gate made of it.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.MetricResult")]
public sealed record MetricResult
{
    /// <summary>A stable snake_case name, e.g. "coverage_mean".</summary>
    [Id(0)] public required string Metric { get; init; }

    /// <summary>Null when there was nothing to measure.</summary>
    [Id(1)] public double? Value { get; init; }

    /// <summary>Null when only a stop rule applies.</summary>
    [Id(2)] public double? PassTarget { get; init; }

    /// <summary>Null when no stop rule applies.</summary>
    [Id(3)] public double? StopAt { get; init; }

    /// <summary>The spec key of the stop rule that applies, e.g. "stop_rules.min_coverage".</summary>
    [Id(4)] public string? StopRule { get; init; }

    /// <summary>Which way the metric improves.</summary>
    [Id(5)] public required MetricDirection Direction { get; init; }
    /// <summary>How to read <see cref="Value"/>, <see cref="PassTarget"/> and <see cref="StopAt"/>.</summary>
    [Id(6)] public required MetricUnit Unit { get; init; }
    /// <summary>What the gate made of the metric.</summary>
    [Id(7)] public required GateVerdict Verdict { get; init; }

    /// <summary>Why, in words and numbers: "0.58 &lt; 0.60: stop rule stop_rules.min_coverage fired".</summary>
    [Id(8)] public required string Reason { get; init; }
}

/// <summary>A gate's judgement: the worst of its metrics' verdicts, with every metric's numbers.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.GateResult")]
public sealed record GateResult
{
    /// <summary>Warm or Hold.</summary>
    [Id(0)] public required GateKind Kind { get; init; }
    /// <summary>The worst of the metrics' verdicts.</summary>
    [Id(1)] public required GateVerdict Verdict { get; init; }
    /// <summary>Every metric judged, in a fixed order per gate kind.</summary>
    [Id(2)] public required ImmutableList<MetricResult> Metrics { get; init; }

    /// <summary>When the evidence was taken: the smoke report's submission, or the end of the Green window.</summary>
    [Id(3)] public required DateTimeOffset AsOf { get; init; }

    /// <summary>One line: the failing (or inconclusive) metrics with their numbers, or that all passed.</summary>
    [Id(4)] public required string Reason { get; init; }

    /// <summary>The metrics with <paramref name="verdict"/>, in order: e.g. the ones that failed.</summary>
    public IEnumerable<MetricResult> MetricsWith(GateVerdict verdict) => Metrics.Where(m => m.Verdict == verdict);
}
