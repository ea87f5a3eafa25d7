using System.Diagnostics;

namespace Coordinator.Benchmarks.Measure;

/// <summary>Percentiles of a set of latencies, in milliseconds (nearest-rank).</summary>
internal sealed record LatencySummary
{
    public required int Count { get; init; }
    public required double P50Ms { get; init; }
    public required double P90Ms { get; init; }
    public required double P99Ms { get; init; }
    public required double MaxMs { get; init; }

    /// <param name="samples">Durations in <see cref="Stopwatch"/> ticks (not modified).</param>
    public static LatencySummary FromTicks(IReadOnlyCollection<long> samples)
    {
        var ticks = samples.ToArray();
        if (ticks.Length == 0)
        {
            return new LatencySummary { Count = 0, P50Ms = double.NaN, P90Ms = double.NaN, P99Ms = double.NaN, MaxMs = double.NaN };
        }

        Array.Sort(ticks);
        return new LatencySummary
        {
            Count = ticks.Length,
            P50Ms = ToMs(Rank(ticks, 0.50)),
            P90Ms = ToMs(Rank(ticks, 0.90)),
            P99Ms = ToMs(Rank(ticks, 0.99)),
            MaxMs = ToMs(ticks[^1]),
        };
    }

    public override string ToString() =>
        Count == 0 ? "no samples" : $"p50 {P50Ms:0.###} ms, p90 {P90Ms:0.###} ms, p99 {P99Ms:0.###} ms, max {MaxMs:0.###} ms (n={Count:N0})";

    public static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static long Rank(long[] sorted, double quantile)
    {
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
