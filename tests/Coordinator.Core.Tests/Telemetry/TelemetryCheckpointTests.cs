using Coordinator.Campaigns;
using Coordinator.Telemetry;

namespace Coordinator.Core.Tests.Telemetry;

/// <summary>What a telemetry grain persists, and that a series restored from it gives the same windows.</summary>
public sealed class TelemetryCheckpointTests
{
    private static readonly DateTimeOffset T0 = Batches.T0;

    private static IEnumerable<TelemetryBucket> Buckets(TelemetrySeries series) => series.Buckets(Batches.Service, Batches.Region, Arm.Green);

    private static TelemetryWindow Window(TelemetrySeries series) =>
        series.Window(Batches.Service, Batches.Region, Arm.Green, T0 - TimeSpan.FromMinutes(5), T0 + TimeSpan.FromMinutes(5));

    [Fact]
    public void A_series_restored_from_its_buckets_gives_the_same_window_mixed_versions_included()
    {
        var series = new TelemetrySeries();
        series.Add(Batches.Batch(T0, 600, [10, 20, 30], errors: 6, http5xx: 3, deltaS: 0.2, coverage: 0.9, lambdaFlipped: 30), T0);
        series.Add(Batches.Batch(T0 + TimeSpan.FromSeconds(7), 400, [10, 200], errors: 4, http5xx: 1, deltaS: 0.4, coverage: 0.7, lambdaFlipped: 20), T0);
        series.Add(Batches.Batch(T0 + TimeSpan.FromSeconds(8), 10, [50]) with { Versions = Batches.Versions("idx-other") }, T0);

        var restored = new TelemetrySeries();
        restored.Restore(Buckets(series), T0);

        Assert.Equal(Window(series), Window(restored));
        Assert.True(Window(restored).MixedVersions);
    }

    [Fact]
    public void Buckets_persisted_in_parts_add_up_to_the_whole()
    {
        var first = new TelemetrySeries();
        var late = new TelemetrySeries();
        var whole = new TelemetrySeries();
        var early = Batches.Batch(T0, 100, [10]);
        var afterSeal = Batches.Batch(T0 + TimeSpan.FromSeconds(1), 50, [20]);
        first.Add(early, T0);
        late.Add(afterSeal, T0);
        whole.Add(early, T0);
        whole.Add(afterSeal, T0);

        var restored = new TelemetrySeries();
        restored.Restore(Buckets(first).Concat(Buckets(late)), T0);

        Assert.Equal(Window(whole), Window(restored));
    }

    [Fact]
    public void Buckets_are_sealed_a_minute_at_a_time_once_they_are_a_minute_old()
    {
        var pending = new TelemetrySeries();
        for (var s = 0; s < 120; s += 5)
        {
            pending.Add(Batches.Batch(T0 + TimeSpan.FromSeconds(s), 10, [10]), T0 + TimeSpan.FromSeconds(s));
        }

        // Two minutes of buckets at T0 + 2 min: only the first minute is a minute old, and it is a whole minute.
        Assert.Empty(TelemetryCheckpoints.ToSeal(Buckets(pending), T0 + TimeSpan.FromSeconds(90)));
        var sealedNow = TelemetryCheckpoints.ToSeal(Buckets(pending), T0 + TimeSpan.FromMinutes(2));
        Assert.Equal(12, sealedNow.Count);
        Assert.All(sealedNow, b => Assert.True(b.Index < TelemetrySeries.BucketOf(T0 + TimeSpan.FromMinutes(1))));

        pending.RemoveBefore(sealedNow[^1].Index + 1);
        Assert.Equal(12, Buckets(pending).Count());
        Assert.Empty(TelemetryCheckpoints.ToSeal(Buckets(pending), T0 + TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void Segments_past_the_retention_are_dropped_the_rest_kept()
    {
        var now = T0 + TelemetrySeries.Retention;
        var oldest = TelemetrySeries.Oldest(now);
        var old = new TelemetrySegmentRef("old", oldest - 20, oldest - 1);
        var straddling = new TelemetrySegmentRef("straddling", oldest - 5, oldest + 5);
        var recent = new TelemetrySegmentRef("recent", oldest + 100, oldest + 111);

        var (keep, drop) = TelemetryCheckpoints.Prune([old, straddling, recent], now);

        Assert.Equal(["straddling", "recent"], keep.Select(s => s.Id));
        Assert.Equal(["old"], drop.Select(s => s.Id));
    }
}
