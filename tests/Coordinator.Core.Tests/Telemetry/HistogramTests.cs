using Coordinator.Campaigns;

namespace Coordinator.Core.Tests.Telemetry;

public sealed class HistogramTests
{
    /// <summary>√1.1 − 1, the documented relative error of the latency scale, plus rounding slack.</summary>
    private const double LatencyError = 0.0489;

    [Fact]
    public void Every_latency_from_a_tenth_of_a_millisecond_to_a_minute_is_reported_within_five_percent()
    {
        for (var ms = 0.1; ms <= 60_000; ms *= 1.013)
        {
            var reported = Histogram.ValueOf(HistogramScale.LatencyMs, Histogram.BucketOf(HistogramScale.LatencyMs, ms));
            Assert.True(Math.Abs(reported - ms) / ms <= LatencyError, $"{ms} ms reported as {reported} ms");
        }
    }

    [Fact]
    public void Latency_quantiles_match_the_exact_nearest_rank_within_the_documented_error()
    {
        var random = new Random(42);
        var values = Enumerable.Range(0, 20_000).Select(_ => Math.Exp(random.NextDouble() * Math.Log(500_000)) * 0.1).ToList();
        var histogram = new Histogram(HistogramScale.LatencyMs);
        values.ForEach(v => histogram.Record(v));
        values.Sort();

        Assert.Equal(values.Count, histogram.Count);
        foreach (var q in new[] { 0.01, 0.5, 0.9, 0.95, 0.99, 1.0 })
        {
            var exact = values[(int)Math.Ceiling(q * values.Count) - 1];
            var estimate = histogram.Quantile(q);
            Assert.True(Math.Abs(estimate - exact) / exact <= LatencyError, $"q{q}: {estimate} vs exact {exact}");
        }
    }

    [Fact]
    public void Latencies_outside_the_range_are_clamped_into_the_edge_buckets()
    {
        var histogram = new Histogram(HistogramScale.LatencyMs);
        histogram.Record(0);
        histogram.Record(0.05);
        histogram.Record(3_600_000);

        Assert.Equal(Histogram.LatencyMinMs, histogram.Quantile(0.5));
        Assert.Equal(Histogram.LatencyMaxMs, histogram.Quantile(1.0), 6);
        Assert.InRange(Histogram.LatencyMaxMs, 60_000, 63_000);
        Assert.Equal(Histogram.LatencyLogBuckets + 2, histogram.ToCounts().Offset + histogram.ToCounts().Counts.Length);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Impossible_latencies_are_refused(double ms) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Histogram(HistogramScale.LatencyMs).Record(ms));

    [Fact]
    public void Scores_are_reported_within_half_a_bucket_and_one_lands_in_the_last_bucket()
    {
        for (var score = 0.0; score <= 1.0; score += 0.0007)
        {
            var reported = Histogram.ValueOf(HistogramScale.UnitInterval, Histogram.BucketOf(HistogramScale.UnitInterval, score));
            Assert.True(Math.Abs(reported - score) <= 0.0025 + 1e-12, $"{score} reported as {reported}");
        }

        Assert.Equal(Histogram.UnitIntervalBuckets - 1, Histogram.BucketOf(HistogramScale.UnitInterval, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Histogram(HistogramScale.UnitInterval).Record(1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Histogram(HistogramScale.UnitInterval).Record(-0.01));
    }

    [Fact]
    public void Merging_halves_gives_the_same_counts_and_quantiles_as_recording_everything_in_one()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 5_000).Select(_ => 5 + (random.NextDouble() * 400)).ToList();
        var whole = new Histogram(HistogramScale.LatencyMs);
        var low = new Histogram(HistogramScale.LatencyMs);
        var high = new Histogram(HistogramScale.LatencyMs);
        foreach (var (value, i) in values.Select((v, i) => (v, i)))
        {
            whole.Record(value);
            (i % 2 == 0 ? low : high).Record(value);
        }

        var viaObject = new Histogram(HistogramScale.LatencyMs);
        viaObject.Merge(low);
        viaObject.Merge(high);
        var viaWire = Histogram.From(high.ToCounts());
        viaWire.Merge(low.ToCounts());

        foreach (var merged in new[] { viaObject, viaWire })
        {
            Assert.Equal(whole.Count, merged.Count);
            Assert.Equal(whole.ToCounts().Offset, merged.ToCounts().Offset);
            Assert.Equal(whole.ToCounts().Counts.ToArray(), merged.ToCounts().Counts.ToArray());
            Assert.Equal(whole.Quantile(0.95), merged.Quantile(0.95));
        }
    }

    [Fact]
    public void Merging_disjoint_ranges_keeps_both_tails()
    {
        var fast = new Histogram(HistogramScale.LatencyMs);
        var slow = new Histogram(HistogramScale.LatencyMs);
        fast.Record(1, count: 90);
        slow.Record(1_000, count: 10);

        fast.Merge(slow.ToCounts());

        Assert.Equal(100, fast.Count);
        Assert.InRange(fast.Quantile(0.5), 0.95, 1.05);
        Assert.InRange(fast.Quantile(0.95), 950, 1050);
        Assert.Equal(100, fast.ToCounts().Total);
    }

    [Fact]
    public void An_empty_histogram_reports_zero_and_bad_merges_are_refused()
    {
        var latency = new Histogram(HistogramScale.LatencyMs);
        Assert.Equal(0, latency.Quantile(0.95));

        Assert.Throws<ArgumentException>(() => latency.Merge(new Histogram(HistogramScale.UnitInterval)));
        var outside = new HistogramCounts { Scale = HistogramScale.LatencyMs, Offset = 141, Counts = [1, 1] };
        Assert.NotNull(Histogram.Problem(outside));
        Assert.Throws<ArgumentException>(() => latency.Merge(outside));
        var negative = new HistogramCounts { Scale = HistogramScale.LatencyMs, Offset = 3, Counts = [1, -1] };
        Assert.Equal("a bucket count is negative", Histogram.Problem(negative));
        Assert.Throws<ArgumentOutOfRangeException>(() => latency.Quantile(1.5));
        Assert.Equal(0, latency.Count);
    }
}
