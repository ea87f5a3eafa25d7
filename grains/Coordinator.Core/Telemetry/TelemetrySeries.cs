using Coordinator.Campaigns;

namespace Coordinator.Telemetry;

/// <summary>
/// One arm's recent telemetry as fixed time buckets (<see cref="BucketWidth"/> wide, the last
/// <see cref="Retention"/> kept, older ones dropped), so memory is bounded whatever the request
/// rate: at most <c>Retention / BucketWidth</c> buckets, each a few kilobytes at worst. A batch
/// counts in the bucket holding the middle of its period. Pure and not thread-safe.
/// </summary>
public sealed class TelemetrySeries
{
    public static readonly TimeSpan BucketWidth = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Retention = TimeSpan.FromHours(2);

    private readonly SortedDictionary<long, TelemetrySum> _buckets = [];

    public int BucketCount => _buckets.Count;

    /// <summary>Adds an accepted batch; false (and nothing added) when it is older than the retention.</summary>
    public bool Add(TelemetryBatch batch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Trim(now);
        var bucket = BucketOf(batch.From + ((batch.To - batch.From) / 2));
        if (bucket < Oldest(now))
        {
            return false;
        }

        SumAt(bucket).Add(batch);
        return true;
    }

    /// <summary>Adds persisted buckets back (after a restart); those older than the retention are dropped.</summary>
    public void Restore(IEnumerable<TelemetryBucket> buckets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var oldest = Oldest(now);
        foreach (var bucket in buckets.Where(b => b.Index >= oldest))
        {
            SumAt(bucket.Index).Add(bucket);
        }
    }

    /// <summary>Every bucket as persisted, oldest first.</summary>
    public IEnumerable<TelemetryBucket> Buckets(string service, string region, Arm arm) =>
        _buckets.Select(b => b.Value.ToBucket(b.Key, service, region, arm, StartOf(b.Key), StartOf(b.Key + 1)));

    /// <summary>Drops the buckets before <paramref name="index"/> (they were sealed elsewhere).</summary>
    public void RemoveBefore(long index)
    {
        while (_buckets.Count > 0 && _buckets.Keys.First() is var first && first < index)
        {
            _buckets.Remove(first);
        }
    }

    /// <summary>The bucket holding <paramref name="at"/>.</summary>
    public static long BucketOf(DateTimeOffset at) => Math.DivRem(at.UtcTicks, BucketWidth.Ticks).Quotient;

    /// <summary>The first bucket still kept at <paramref name="now"/>: the one that ends after now − retention.</summary>
    public static long Oldest(DateTimeOffset now) => BucketOf(now - Retention);

    private static DateTimeOffset StartOf(long bucket) => new(bucket * BucketWidth.Ticks, TimeSpan.Zero);

    private TelemetrySum SumAt(long bucket)
    {
        if (!_buckets.TryGetValue(bucket, out var sum))
        {
            sum = new TelemetrySum();
            _buckets.Add(bucket, sum);
        }

        return sum;
    }

    /// <summary>Drops the buckets that ended more than <see cref="Retention"/> before <paramref name="now"/>.</summary>
    public void Trim(DateTimeOffset now)
    {
        var oldest = Oldest(now);
        while (_buckets.Count > 0 && _buckets.Keys.First() is var first && first < oldest)
        {
            _buckets.Remove(first);
        }
    }

    /// <summary>Every bucket overlapping [<paramref name="from"/>, <paramref name="to"/>) merged into one window.</summary>
    /// <exception cref="InvalidInputException"><paramref name="from"/> is not before <paramref name="to"/>.</exception>
    public TelemetryWindow Window(string service, string region, Arm arm, DateTimeOffset from, DateTimeOffset to)
    {
        if (from >= to)
        {
            throw new InvalidInputException("to", $"{to:O} must be after from {from:O}");
        }

        var first = BucketOf(from);
        var last = BucketOf(to - TimeSpan.FromTicks(1));
        var window = new TelemetrySum();
        foreach (var (bucket, sum) in _buckets)
        {
            if (bucket > last)
            {
                break;
            }

            if (bucket >= first)
            {
                window.Add(sum);
            }
        }

        return window.ToWindow(service, region, arm, from, to);
    }

}
