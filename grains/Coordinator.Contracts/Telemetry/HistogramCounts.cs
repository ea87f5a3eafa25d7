using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>
/// A histogram on the wire: the counts of the contiguous run of buckets from <see cref="Offset"/>
/// that holds every recorded value (buckets outside it are empty), on a fixed <see cref="Scale"/>.
/// Built and read by the Core's <c>Histogram</c>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.HistogramCounts")]
public sealed record HistogramCounts
{
    /// <summary>The bucket layout; only histograms on the same scale can be merged.</summary>
    [Id(0)] public required HistogramScale Scale { get; init; }

    /// <summary>The bucket index of <c>Counts[0]</c>.</summary>
    [Id(1)] public int Offset { get; init; }

    /// <summary>Values per bucket, from bucket <see cref="Offset"/> on; empty when nothing was recorded.</summary>
    [Id(2)] public ImmutableArray<long> Counts { get; init; } = [];

    /// <summary>A histogram with nothing recorded on <paramref name="scale"/>.</summary>
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

    /// <summary>Equal when the scale, offset and every count are: windows that carry histograms compare by value.</summary>
    public bool Equals(HistogramCounts? other) =>
        other is not null && Scale == other.Scale && Offset == other.Offset
        && (Counts.IsDefault ? [] : Counts).AsSpan().SequenceEqual((other.Counts.IsDefault ? [] : other.Counts).AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Scale);
        hash.Add(Offset);
        foreach (var count in Counts.IsDefault ? [] : Counts)
        {
            hash.Add(count);
        }

        return hash.ToHashCode();
    }
}
