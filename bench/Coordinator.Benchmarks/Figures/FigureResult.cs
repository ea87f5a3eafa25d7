using System.Text.Json.Serialization;
using Coordinator.Benchmarks.Measure;

namespace Coordinator.Benchmarks.Figures;

[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
internal enum Verdict
{
    Pass,
    Fail,

    /// <summary>Measured; the brief sets no target for it.</summary>
    NoTarget,
    Skipped,
    Error,
}

/// <summary>A target a figure is held to: at least or at most <see cref="Threshold"/>.</summary>
internal sealed record Target(double Threshold, bool AtLeast, string Text)
{
    public static Target Minimum(double threshold, string text) => new(threshold, true, text);

    public static Target Maximum(double threshold, string text) => new(threshold, false, text);

    public bool IsMetBy(double value) => AtLeast ? value >= Threshold : value <= Threshold;
}

/// <summary>One line of the report.</summary>
internal sealed record FigureResult
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public double? Value { get; init; }
    public required string Unit { get; init; }
    public Target? Target { get; init; }
    public required Verdict Verdict { get; init; }
    public LatencySummary? Latency { get; init; }

    /// <summary>How it was measured and what else was seen, one short sentence per item.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>A scale figure's value at each step of the work (figures 18a-d); null for the others.</summary>
    public IReadOnlyList<ScaleStep>? Steps { get; init; }

    public static FigureResult Measured(
        string id, string title, double value, string unit, Target? target, LatencySummary? latency = null, params IReadOnlyList<string> notes) => new()
        {
            Id = id,
            Title = title,
            Value = value,
            Unit = unit,
            Target = target,
            Verdict = target is null ? Verdict.NoTarget : target.IsMetBy(value) ? Verdict.Pass : Verdict.Fail,
            Latency = latency,
            Notes = notes,
        };

    public static FigureResult Skipped(string id, string title, string unit, Target? target, string reason) => new()
    {
        Id = id,
        Title = title,
        Unit = unit,
        Target = target,
        Verdict = Verdict.Skipped,
        Notes = [reason],
    };

    public static FigureResult Failed(string id, string title, string unit, Target? target, Exception error) => new()
    {
        Id = id,
        Title = title,
        Unit = unit,
        Target = target,
        Verdict = Verdict.Error,
        Notes = [$"{error.GetType().Name}: {error.Message.Split('\n')[0].Trim()}"],
    };
}

/// <summary>A scale figure at one step: the work done by then (pointers), its value there, and the ratio to the step before.</summary>
internal sealed record ScaleStep(long Work, double Value, double? GrowthFromPrevious)
{
    /// <summary>Steps from (work, value) pairs in order, each with its growth over the one before.</summary>
    public static IReadOnlyList<ScaleStep> Series(IReadOnlyList<(long Work, double Value)> points) =>
        [.. points.Select((p, i) => new ScaleStep(p.Work, p.Value, i == 0 || points[i - 1].Value == 0 ? null : p.Value / points[i - 1].Value))];
}
