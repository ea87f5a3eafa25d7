using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>
/// A histogram on the wire: the counts of the contiguous run of buckets from <see cref="Offset"/>
/// that holds every recorded value (buckets outside it are empty), on a fixed <see cref="Scale"/>.
/// Build and read it with <see cref="Histogram"/>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.HistogramCounts")]
public sealed record HistogramCounts
{
    [Id(0)] public required HistogramScale Scale { get; init; }

    /// <summary>The bucket index of <c>Counts[0]</c>.</summary>
    [Id(1)] public int Offset { get; init; }

    [Id(2)] public ImmutableArray<long> Counts { get; init; } = [];

    public static HistogramCounts Empty(HistogramScale scale) => new() { Scale = scale };

    /// <summary>Values recorded (the sum of the counts).</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (var count in Counts.IsDefault ? [] : Counts)
            {
                total += count;
            }

            return total;
        }
    }

    /// <summary>Why these counts cannot be merged, or null when they can.</summary>
    public string? Problem()
    {
        if (!Enum.IsDefined(Scale))
        {
            return $"unknown scale {(int)Scale}";
        }

        var counts = Counts.IsDefault ? [] : Counts;
        var buckets = Histogram.BucketCount(Scale);
        if (Offset < 0 || Offset + counts.Length > buckets)
        {
            return $"buckets {Offset}..{Offset + counts.Length - 1} are outside 0..{buckets - 1}";
        }

        return counts.Any(c => c < 0) ? "a bucket count is negative" : null;
    }
}
