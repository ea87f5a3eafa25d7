using Coordinator.Campaigns;
using static Coordinator.Core.Tests.Campaigns.CampaignSamples;

namespace Coordinator.Core.Tests.Campaigns;

public sealed class SmokeReportTests
{
    [Fact]
    public void The_summary_takes_each_items_worst_paraphrase_and_nearest_rank_percentiles()
    {
        var items = Enumerable.Range(1, 20).Select(i => Item($"q-{i:00}", deltaS: i / 100.0, coverage: 0.5 + (i / 100.0), latencyMs: i * 10))
            .Select(i => i.Id == "q-05" ? i with { DeltaS = [0.05, 0.90, 0.05] } : i)
            .Append(Item("q-21", paraphrases: 1));

        var summary = SmokeSummariser.Summarise(Smoke(items), paraphrases: 3, seeds: 2);

        Assert.Equal((21, 20), (summary.Items, summary.CompleteItems));
        Assert.Equal(["q-21"], summary.IncompleteItemIds);
        Assert.Equal((0.90, "q-05"), (summary.DeltaSWorst!.Value, summary.DeltaSWorstItemId));
        Assert.Equal(0.20, summary.DeltaSP95!.Value, 9);
        Assert.Equal(0.605, summary.CoverageMean!.Value, 9);
        Assert.Equal((100.0, 190.0), (summary.LatencyP50Ms!.Value, summary.LatencyP95Ms!.Value));
        Assert.Equal(1.0, summary.LambdaConvergence);
    }

    [Fact]
    public void A_report_with_no_complete_item_has_no_figures()
    {
        var summary = SmokeSummariser.Summarise(Smoke([Item("q-1", seeds: 1)]), 3, 2);

        Assert.Equal(0, summary.CompleteItems);
        Assert.Null(summary.CoverageMean);
        Assert.Null(summary.DeltaSP95);
    }

    [Theory]
    [InlineData(new[] { 5.0 }, 0.95, 5.0)]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 0.5, 2.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 0.95, 4.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 0.5, 2.0)]
    public void Percentiles_are_nearest_rank(double[] values, double p, double expected) =>
        Assert.Equal(expected, SmokeSummariser.Percentile(values, p));

    [Fact]
    public void A_valid_report_has_no_errors() =>
        Assert.Empty(SmokeReportValidator.Validate(Smoke(20)));

    [Fact]
    public void Every_bad_value_in_a_report_is_reported_by_path()
    {
        var report = Smoke(
        [
            Item("q-1") with { DeltaS = [0.2, double.NaN, 1.2] },
            Item("q-1") with { Coverage = -0.1 },
            Item("") with { Lambda = [], LatencyMs = double.PositiveInfinity },
        ]) with { Region = "EU West" };

        var fields = Fields(SmokeReportValidator.Validate(report));

        Assert.Equal(
            ["region", "items[0].delta_s[1]", "items[0].delta_s[2]", "items[1].id", "items[1].coverage", "items[2].id", "items[2].lambda", "items[2].latency_ms"],
            fields);
    }

    [Fact]
    public void An_empty_report_is_refused() =>
        Assert.Equal("items", Assert.Single(SmokeReportValidator.Validate(Smoke(0))).Field);
}
