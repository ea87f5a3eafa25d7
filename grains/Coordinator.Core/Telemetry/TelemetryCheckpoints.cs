using System.Collections.Immutable;

namespace Coordinator.Telemetry;

/// <summary>
/// How a telemetry grain persists its series so hold evidence survives the loss of its silo: every
/// <see cref="Period"/> the buckets not yet sealed are written with its state (small: about a minute
/// of buckets); buckets older than <see cref="SealAfter"/> are sealed, a minute or more at a time,
/// into a segment of their own; segments past the retention are dropped.
/// </summary>
public static class TelemetryCheckpoints
{
    /// <summary>At most this much reported telemetry is lost with a silo.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    /// <summary>Late batches usually land within this; a later one is sealed on its own next time.</summary>
    public static readonly TimeSpan SealAfter = TimeSpan.FromMinutes(1);

    private static readonly long BucketsPerMinute = TimeSpan.FromMinutes(1).Ticks / TelemetrySeries.BucketWidth.Ticks;

    /// <summary>The pending buckets to seal now (oldest first), or none until a minute's worth is due.</summary>
    public static ImmutableList<TelemetryBucket> ToSeal(IEnumerable<TelemetryBucket> pending, DateTimeOffset now)
    {
        var sealBefore = TelemetrySeries.BucketOf(now - SealAfter);
        var due = pending.Where(b => b.Index < sealBefore).OrderBy(b => b.Index).ToImmutableList();
        return due.Count > 0 && due[0].Index <= sealBefore - BucketsPerMinute ? due : [];
    }

    /// <summary>Segments that still hold buckets inside the retention, and those that no longer do.</summary>
    public static (ImmutableList<TelemetrySegmentRef> Keep, ImmutableList<TelemetrySegmentRef> Drop) Prune(
        IEnumerable<TelemetrySegmentRef> segments, DateTimeOffset now)
    {
        var oldest = TelemetrySeries.Oldest(now);
        var all = segments.ToList();
        return ([.. all.Where(s => s.LastIndex >= oldest)], [.. all.Where(s => s.LastIndex < oldest)]);
    }
}
