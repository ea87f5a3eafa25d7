using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>
/// A mergeable histogram over a fixed <see cref="HistogramScale"/>: record values, merge other
/// histograms, read quantiles. Only the run of buckets between the lowest and highest recorded
/// value is allocated. Not thread-safe: callers that share one lock around it.
/// </summary>
public sealed class Histogram
{
    public const double LatencyMinMs = 0.1;
    public const double LatencyGrowth = 1.1;
    public const int LatencyLogBuckets = 140;
    public const int UnitIntervalBuckets = 200;

    private static readonly double LogGrowth = Math.Log(LatencyGrowth);

    /// <summary>Where the highest regular latency bucket ends (≈ 62.2 s).</summary>
    public static readonly double LatencyMaxMs = LatencyMinMs * Math.Pow(LatencyGrowth, LatencyLogBuckets);

    private long[] _counts = [];
    private int _offset;

    public Histogram(HistogramScale scale)
    {
        if (!Enum.IsDefined(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "unknown histogram scale");
        }

        Scale = scale;
    }

    public HistogramScale Scale { get; }

    /// <summary>Values recorded.</summary>
    public long Count { get; private set; }

    public static Histogram From(HistogramCounts counts)
    {
        var histogram = new Histogram(counts.Scale);
        histogram.Merge(counts);
        return histogram;
    }

    public static int BucketCount(HistogramScale scale) => scale switch
    {
        HistogramScale.LatencyMs => LatencyLogBuckets + 2,
        HistogramScale.UnitInterval => UnitIntervalBuckets,
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "unknown histogram scale"),
    };

    /// <summary>The bucket <paramref name="value"/> falls in; throws for values the scale cannot hold.</summary>
    public static int BucketOf(HistogramScale scale, double value)
    {
        switch (scale)
        {
            case HistogramScale.LatencyMs:
                if (!double.IsFinite(value) || value < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "a latency must be a finite number of milliseconds ≥ 0");
                }

                if (value < LatencyMinMs)
                {
                    return 0;
                }

                var log = (int)Math.Floor(Math.Log(value / LatencyMinMs) / LogGrowth) + 1;
                return Math.Min(log, LatencyLogBuckets + 1);
            case HistogramScale.UnitInterval:
                if (!double.IsFinite(value) || value < 0 || value > 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "a score must be between 0 and 1");
                }

                return Math.Min((int)(value * UnitIntervalBuckets), UnitIntervalBuckets - 1);
            default:
                throw new ArgumentOutOfRangeException(nameof(scale), scale, "unknown histogram scale");
        }
    }

    /// <summary>The value a bucket reports: its geometric (latency) or arithmetic (score) middle.</summary>
    public static double ValueOf(HistogramScale scale, int bucket)
    {
        if (bucket < 0 || bucket >= BucketCount(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(bucket), bucket, $"bucket must be in 0..{BucketCount(scale) - 1}");
        }

        return scale switch
        {
            HistogramScale.LatencyMs when bucket == 0 => LatencyMinMs,
            HistogramScale.LatencyMs when bucket > LatencyLogBuckets => LatencyMaxMs,
            HistogramScale.LatencyMs => LatencyMinMs * Math.Pow(LatencyGrowth, bucket - 0.5),
            _ => (bucket + 0.5) / UnitIntervalBuckets,
        };
    }

    public void Record(double value, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Add(BucketOf(Scale, value), count);
    }

    public void Merge(Histogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RequireScale(other.Scale);
        for (var i = 0; i < other._counts.Length; i++)
        {
            Add(other._offset + i, other._counts[i]);
        }
    }

    /// <exception cref="ArgumentException">The counts are on another scale or malformed.</exception>
    public void Merge(HistogramCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        RequireScale(counts.Scale);
        if (Histogram.Problem(counts) is { } problem)
        {
            throw new ArgumentException($"histogram counts cannot be merged: {problem}", nameof(counts));
        }

        for (var i = 0; i < counts.Counts.Length; i++)
        {
            Add(counts.Offset + i, counts.Counts[i]);
        }
    }

    /// <summary>
    /// The nearest-rank <paramref name="q"/>-quantile (the value of the bucket holding the
    /// ⌈q·count⌉-th smallest value), within the scale's documented error; 0 when empty.
    /// </summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile must be between 0 and 1");
        }

        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return ValueOf(Scale, _offset + i);
            }
        }

        return ValueOf(Scale, _offset + _counts.Length - 1);
    }

    public HistogramCounts ToCounts() => new()
    {
        Scale = Scale,
        Offset = _offset,
        Counts = ImmutableArray.Create(_counts),
    };

    private void RequireScale(HistogramScale scale)
    {
        if (scale != Scale)
        {
            throw new ArgumentException($"cannot merge a {scale} histogram into a {Scale} histogram");
        }
    }

    private void Add(int bucket, long count)
    {
        if (count == 0)
        {
            return;
        }

        if (_counts.Length == 0)
        {
            _counts = new long[1];
            _offset = bucket;
        }
        else if (bucket < _offset || bucket >= _offset + _counts.Length)
        {
            var low = Math.Min(bucket, _offset);
            var high = Math.Max(bucket, _offset + _counts.Length - 1);
            var grown = new long[high - low + 1];
            Array.Copy(_counts, 0, grown, _offset - low, _counts.Length);
            _counts = grown;
            _offset = low;
        }

        _counts[bucket - _offset] += count;
        Count += count;
    }

    /// <summary>Why these counts cannot be merged, or null when they can.</summary>
    public static string? Problem(HistogramCounts counts)
    {
        if (!Enum.IsDefined(counts.Scale))
        {
            return $"unknown scale {(int)counts.Scale}";
        }

        var values = counts.Counts.IsDefault ? [] : counts.Counts;
        var buckets = BucketCount(counts.Scale);
        if (counts.Offset < 0 || counts.Offset + values.Length > buckets)
        {
            return $"buckets {counts.Offset}..{counts.Offset + values.Length - 1} are outside 0..{buckets - 1}";
        }

        return values.Any(c => c < 0) ? "a bucket count is negative" : null;
    }
}
