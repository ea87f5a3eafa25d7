using Coordinator.Campaigns;
using Coordinator.Console.Rendering.Live;
using static Coordinator.ConsoleTests.Rendering.Live.LiveCampaigns;

namespace Coordinator.ConsoleTests.Rendering.Live;

public sealed class BodyFitTests
{
    /// <summary>Wave 1: four done regions; wave 2 (current): one holding with ten metrics, one warming.</summary>
    private static readonly CampaignStatus Status = Campaign(
        1,
        [Done("a-0", 0), Done("a-1", 0), Done("a-2", 0), Done("a-3", 0)],
        [Holding("hold", 1), InProgress("warm", 1, ChecklistStep.WarmGreen)]);

    private static readonly Dictionary<string, int> Metrics = new(StringComparer.Ordinal) { ["hold"] = HoldMetrics.Count };

    [Theory]
    [InlineData(18, 6, 10)] // 2 waves + 6 regions + 10 metrics: everything
    [InlineData(11, 6, BodyFit.MetricFloor)] // metrics give way first, down to their floor
    [InlineData(10, 4, BodyFit.MetricFloor)] // then done regions (a-3 and a-2, "… 2 more regions")
    [InlineData(7, 2, BodyFit.MetricFloor)] // wave 1's line alone names its regions
    [InlineData(5, 2, 1)] // then the rest of the metrics: only "… 10 more metrics"
    [InlineData(4, 2, 0)]
    [InlineData(2, 0, 0)] // then the regions in progress, holding last
    public void Rows_give_way_metrics_beyond_the_floor_first_then_regions_of_no_concern_then_the_rest(int rows, int regionsShown, int metricRows)
    {
        var layout = BodyFit.Fit(Status, Metrics, rows);

        Assert.True(layout.LineCount <= rows, $"{layout.LineCount} lines in {rows} rows");
        Assert.Equal(regionsShown, layout.Blocks.Sum(b => b.Shown.Count));
        var shown = layout.Blocks.SelectMany(b => b.Shown).Select(r => r.Region).ToList();
        Assert.Equal(metricRows, shown.Contains("hold") ? layout.MetricRows["hold"] : 0);
        Assert.Equal(2, layout.Blocks.Count);
    }

    [Fact]
    public void Two_regions_holding_share_the_metric_rows_evenly()
    {
        var status = Campaign(0, [Holding("h-1", 0), Holding("h-2", 0)]);
        var metrics = new Dictionary<string, int>(StringComparer.Ordinal) { ["h-1"] = 10, ["h-2"] = 10 };

        var layout = BodyFit.Fit(status, metrics, 1 + 2 + 7);

        Assert.Equal([4, 3], new[] { layout.MetricRows["h-1"], layout.MetricRows["h-2"] });
    }
}
