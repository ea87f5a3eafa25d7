using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>
/// The Mann-Whitney U test (Mann and Whitney, 1947), two-sided, with the normal approximation:
/// ranks averaged over ties, U₁ = R₁ − n₁(n₁+1)/2, σ² = n₁n₂/12 · ((N+1) − Σ(t³−t)/(N(N−1))) over the
/// tie groups of size t, and by default the continuity correction (|U₁ − mean| less ½, not below 0).
/// Works on tie groups, so raw values and histogram buckets go through the same arithmetic: a bucket
/// is a tie group, and the test on binned data is the exact test of the values rounded to their bucket.
/// </summary>
public static class MannWhitney
{
    /// <summary>Tests raw values; NaN and infinities are refused.</summary>
    public static MannWhitneyResult Test(IEnumerable<double> first, IEnumerable<double> second, bool continuity = true)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var values = first.Select(v => (Value: Finite(v, nameof(first)), First: true))
            .Concat(second.Select(v => (Value: Finite(v, nameof(second)), First: false)))
            .GroupBy(v => v.Value)
            .OrderBy(g => g.Key)
            .Select(g => (First: (long)g.Count(v => v.First), Second: (long)g.Count(v => !v.First)));
        return Test(values, continuity);
    }

    /// <summary>Tests two histograms on one scale: each bucket is a tie group.</summary>
    public static MannWhitneyResult Test(HistogramCounts first, HistogramCounts second, bool continuity = true)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Scale != second.Scale)
        {
            throw new ArgumentException($"cannot compare a {first.Scale} histogram with a {second.Scale} histogram", nameof(second));
        }

        foreach (var (counts, name) in new[] { (first, nameof(first)), (second, nameof(second)) })
        {
            if (Histogram.Problem(counts) is { } problem)
            {
                throw new ArgumentException($"histogram counts cannot be compared: {problem}", name);
            }
        }

        var a = first.Counts.IsDefault ? [] : first.Counts;
        var b = second.Counts.IsDefault ? [] : second.Counts;
        var low = Math.Min(a.IsEmpty ? int.MaxValue : first.Offset, b.IsEmpty ? int.MaxValue : second.Offset);
        var high = Math.Max(first.Offset + a.Length, second.Offset + b.Length);
        var groups = Enumerable.Range(low == int.MaxValue ? 0 : low, Math.Max(0, high - low))
            .Select(bucket => (First: At(a, first.Offset, bucket), Second: At(b, second.Offset, bucket)));
        return Test(groups, continuity);
    }

    /// <summary>
    /// Tests tie groups in ascending order of value: each gives how many values of the first and of the
    /// second sample share that value. Both samples must be non-empty.
    /// </summary>
    public static MannWhitneyResult Test(IEnumerable<(long First, long Second)> tieGroups, bool continuity = true)
    {
        ArgumentNullException.ThrowIfNull(tieGroups);
        long n1 = 0, n2 = 0;
        double rankSum = 0, tieTerm = 0;
        foreach (var (inFirst, inSecond) in tieGroups)
        {
            if (inFirst < 0 || inSecond < 0)
            {
                throw new ArgumentException("a tie group cannot hold a negative count", nameof(tieGroups));
            }

            var size = inFirst + inSecond;
            if (size == 0)
            {
                continue;
            }

            // The group holds ranks below+1 .. below+size; each value in it gets their average.
            var below = n1 + n2;
            var midRank = below + ((size + 1) / 2.0);
            rankSum += inFirst * midRank;
            tieTerm += ((double)size * size * size) - size;
            n1 += inFirst;
            n2 += inSecond;
        }

        if (n1 == 0 || n2 == 0)
        {
            throw new ArgumentException($"both samples need at least one value (got {n1} and {n2})", nameof(tieGroups));
        }

        var n = (double)(n1 + n2);
        var u = rankSum - (n1 * (n1 + 1) / 2.0);
        var mean = n1 * (double)n2 / 2;
        var variance = n1 * (double)n2 / 12 * ((n + 1) - (tieTerm / (n * (n - 1))));
        var sd = variance > 0 ? Math.Sqrt(variance) : 0;
        double z = 0, p = 1;
        if (sd > 0)
        {
            var distance = u - mean;
            var corrected = continuity ? Math.Max(0, Math.Abs(distance) - 0.5) * Math.Sign(distance) : distance;
            z = corrected / sd;
            p = NormalTail.TwoSided(z);
        }

        return new MannWhitneyResult { N1 = n1, N2 = n2, U = u, StandardDeviation = sd, ContinuityCorrected = continuity, Z = z, P = p };
    }

    private static long At(ImmutableArray<long> counts, int offset, int bucket) =>
        bucket >= offset && bucket < offset + counts.Length ? counts[bucket - offset] : 0;

    private static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentException($"a sample value must be finite (got {value})", name);
}
