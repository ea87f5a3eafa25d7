using Coordinator.Campaigns;
using Coordinator.Telemetry;

namespace Coordinator.Core.Tests.Telemetry;

public sealed class TelemetrySeriesTests
{
    private static readonly DateTimeOffset T0 = Batches.T0;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static TelemetryWindow Window(TelemetrySeries series, DateTimeOffset from, DateTimeOffset to) =>
        series.Window(Batches.Service, Batches.Region, Arm.Green, from, to);

    [Fact]
    public void A_window_merges_counts_histograms_and_quality_signals_of_every_batch_in_it()
    {
        var series = new TelemetrySeries();
        Assert.True(series.Add(Batches.Batch(T0, 600, [10, 20, 30], errors: 6, http5xx: 3, deltaS: 0.2, coverage: 0.9, lambdaFlipped: 30), T0));
        Assert.True(series.Add(Batches.Batch(T0 + TimeSpan.FromSeconds(20), 400, [10, 20, 30, 200], errors: 4, http5xx: 1, deltaS: 0.4, coverage: 0.7, lambdaFlipped: 20), T0));

        var window = Window(series, T0, T0 + Minute);

        Assert.Equal((1000L, 10L, 4L), (window.RequestCount, window.ErrorCount, window.Http5xxCount));
        Assert.Equal(0.004, window.Http5xxRate, 9);
        Assert.Equal(Batches.Versions(), window.Versions);
        Assert.False(window.MixedVersions);
        Assert.Equal((T0, T0 + Minute), (window.From, window.To));
        // 300 requests at 30 ms of 1000 and 100 at 200 ms: p50 is 20 ms, p95 is 200 ms, each within 5 %.
        Assert.InRange(window.Latency.P50Ms, 19, 21);
        Assert.InRange(window.Latency.P95Ms, 190, 210);
        Assert.InRange(window.RetrieveLatency.P95Ms, 1.9, 2.1);
        Assert.Equal(0.28, window.DeltaSMean, 9);
        Assert.InRange(window.DeltaSP95, 0.3975, 0.4025);
        Assert.Equal(1000, window.DeltaSSamples);
        Assert.Equal(0.82, window.CoverageMean, 9);
        Assert.Equal(1000, window.CoverageSamples);
        Assert.Equal(0.05, window.LambdaFlipRate, 9);
        Assert.True(window.LambdaConvergent);
        Assert.Equal(1000, window.LambdaSamples);
    }

    [Fact]
    public void One_non_convergent_lambda_sample_makes_the_window_not_convergent()
    {
        var series = new TelemetrySeries();
        series.Add(Batches.Batch(T0, 100, [10]), T0);
        series.Add(Batches.Batch(T0 + TimeSpan.FromSeconds(10), 100, [10], lambdaConvergent: 99), T0);

        Assert.True(Window(series, T0, T0 + TimeSpan.FromSeconds(5)).LambdaConvergent);
        Assert.False(Window(series, T0, T0 + Minute).LambdaConvergent);
    }

    [Fact]
    public void A_window_with_two_sets_of_versions_is_mixed_and_pinned_to_neither()
    {
        var series = new TelemetrySeries();
        series.Add(Batches.Batch(T0, 100, [10], versions: Batches.Versions("idx-a")), T0);
        series.Add(Batches.Batch(T0 + TimeSpan.FromSeconds(30), 100, [10], versions: Batches.Versions("idx-b")), T0);

        var mixed = Window(series, T0, T0 + Minute);
        var first = Window(series, T0, T0 + TimeSpan.FromSeconds(10));
        var second = Window(series, T0 + TimeSpan.FromSeconds(30), T0 + Minute);

        Assert.True(mixed.MixedVersions);
        Assert.Null(mixed.Versions);
        Assert.Equal(200, mixed.RequestCount);
        Assert.Equal((false, "idx-a"), (first.MixedVersions, first.Versions?.IndexHash));
        Assert.Equal((false, "idx-b"), (second.MixedVersions, second.Versions?.IndexHash));
    }

    [Fact]
    public void An_empty_window_has_no_counts_no_versions_and_is_not_convergent()
    {
        var series = new TelemetrySeries();
        series.Add(Batches.Batch(T0, 100, [10]), T0);

        var window = Window(series, T0 + Minute, T0 + (2 * Minute));

        Assert.Equal(0, window.RequestCount);
        Assert.Equal(0, window.Http5xxRate);
        Assert.Equal(LatencyStats.None, window.Latency);
        Assert.Null(window.Versions);
        Assert.False(window.MixedVersions);
        Assert.False(window.LambdaConvergent);
        Assert.Equal((0.0, 0.0, 0L), (window.LambdaFlipRate, window.DeltaSP95, window.DeltaSSamples));
    }

    [Fact]
    public void A_batch_counts_in_the_five_second_bucket_holding_the_middle_of_its_period()
    {
        var series = new TelemetrySeries();
        // Period [T0 + 4 s, T0 + 5 s): its middle, 4.5 s, is in the first bucket.
        series.Add(Batches.Batch(T0 + TimeSpan.FromSeconds(4), 100, [10]), T0);
        // Period [T0 + 4.6 s, T0 + 5.6 s): its middle, 5.1 s, is in the second bucket.
        series.Add(Batches.Batch(T0 + TimeSpan.FromSeconds(4.6), 10, [10]), T0);

        Assert.Equal(100, Window(series, T0, T0 + TimeSpan.FromSeconds(5)).RequestCount);
        Assert.Equal(10, Window(series, T0 + TimeSpan.FromSeconds(5), T0 + TimeSpan.FromSeconds(6)).RequestCount);
        Assert.Equal(110, Window(series, T0 + TimeSpan.FromSeconds(4.9), T0 + TimeSpan.FromSeconds(5.1)).RequestCount);
    }

    [Fact]
    public void Buckets_older_than_the_retention_are_dropped_and_late_batches_refused()
    {
        var series = new TelemetrySeries();
        series.Add(Batches.Batch(T0, 100, [10]), T0);
        series.Add(Batches.Batch(T0 + Minute, 100, [10]), T0 + Minute);
        Assert.Equal(2, series.BucketCount);

        var later = T0 + TelemetrySeries.Retention + TimeSpan.FromSeconds(30);
        series.Trim(later);

        Assert.Equal(1, series.BucketCount);
        Assert.Equal(100, Window(series, T0, later).RequestCount);
        Assert.False(series.Add(Batches.Batch(T0, 100, [10]), later));
        Assert.Equal(1, series.BucketCount);
    }

    [Fact]
    public void A_window_that_does_not_end_after_it_starts_is_refused_naming_to()
    {
        var series = new TelemetrySeries();

        var ex = Assert.Throws<InvalidInputException>(() => Window(series, T0, T0));

        Assert.Equal("to", Assert.Single(ex.Errors).Field);
    }
}
