using Coordinator.Campaigns;
using Coordinator.Telemetry;

namespace Coordinator.Core.Tests.Telemetry;

public sealed class TelemetryBatchRulesTests
{
    private static readonly DateTimeOffset Now = Batches.T0 + TimeSpan.FromSeconds(2);

    private static List<string> Fields(TelemetryBatch? batch, Arm arm = Arm.Green) =>
        TelemetryBatchRules.Check(batch, Batches.Service, Batches.Region, arm, Now).Select(e => e.Field).ToList();

    [Fact]
    public void A_well_formed_batch_is_accepted() =>
        Assert.Empty(Fields(Batches.Batch(Batches.T0, 100, [10], errors: 3, http5xx: 2, lambdaFlipped: 5)));

    [Fact]
    public void Quality_observations_carry_quality_samples_without_requests_but_never_more_than_they_count()
    {
        var empty = Batches.Batch(Batches.T0, 0, []);
        var observed = empty with { QualityObservations = 3, CoverageCount = 3, CoverageSum = 2.4, LambdaSamples = 3, LambdaFlipped = 1 };

        Assert.Empty(Fields(observed));
        Assert.Equal(["batch.coverage_count"], Fields(observed with { CoverageCount = 4, CoverageSum = 3 }));
        Assert.Equal(["batch.lambda_samples"], Fields(empty with { LambdaSamples = 1 }));
        Assert.Contains("batch.quality_observations", Fields(observed with { QualityObservations = -1 }));
    }

    [Fact]
    public void Negative_and_inconsistent_counts_are_each_named()
    {
        var batch = Batches.Batch(Batches.T0, 100, [10]) with
        {
            ErrorCount = 101,
            Http5xxCount = -1,
            CoverageCount = -2,
            LambdaFlipped = 101,
            ToolLoopSignals = -1,
        };

        Assert.Equal(
            ["batch.error_count", "batch.http_5xx_count", "batch.coverage_count", "batch.coverage_sum", "batch.lambda_flipped", "batch.tool_loop_signals"],
            Fields(batch));
    }

    [Fact]
    public void A_negative_request_count_and_a_latency_histogram_that_does_not_match_it_are_named()
    {
        var batch = Batches.Batch(Batches.T0, 100, [10]) with { RequestCount = -1 };

        var fields = Fields(batch);

        Assert.Contains("batch.request_count", fields);
        Assert.Contains("batch.latency", fields);
    }

    [Fact]
    public void Histograms_on_the_wrong_scale_or_outside_their_buckets_are_named()
    {
        var batch = Batches.Batch(Batches.T0, 100, [10]) with
        {
            DeltaS = HistogramCounts.Empty(HistogramScale.LatencyMs),
            RerankLatency = new HistogramCounts { Scale = HistogramScale.LatencyMs, Offset = 500, Counts = [1] },
        };

        Assert.Equal(["batch.rerank_latency", "batch.delta_s"], Fields(batch).Where(f => f != "batch.delta_s_sum"));
    }

    [Fact]
    public void A_batch_for_another_grain_backwards_in_time_or_from_the_future_is_refused()
    {
        var batch = Batches.Batch(Batches.T0, 10, [10]);

        Assert.Equal(["batch.key"], Fields(batch, Arm.Blue));
        Assert.Equal(["batch.to"], Fields(batch with { To = batch.From - TimeSpan.FromSeconds(1) }));
        Assert.Equal(["batch.to"], Fields(batch with { To = Now + TimeSpan.FromMinutes(6) }));
        Assert.Equal(["batch.versions.index_hash"], Fields(batch with { Versions = Batches.Versions("") }));
        Assert.Equal(["batch"], Fields(null));
    }
}
