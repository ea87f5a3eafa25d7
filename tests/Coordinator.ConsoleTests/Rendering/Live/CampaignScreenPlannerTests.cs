using System.Collections.Immutable;
using Coordinator.Campaigns;
using Coordinator.Console.Rendering.Live;
using static Coordinator.ConsoleTests.Rendering.Live.LiveCampaigns;

namespace Coordinator.ConsoleTests.Rendering.Live;

public sealed class CampaignScreenPlannerTests
{
    private static IReadOnlyList<string> Texts(ScreenPlan plan, ScreenLineKind kind) =>
        [.. plan.Lines.Where(l => l.Kind == kind).Select(l => l.Text)];

    private static void AssertFits(ScreenPlan plan, ScreenSize size)
    {
        Assert.True(plan.Lines.Count <= size.Height - CampaignScreenPlanner.CursorRows, $"{plan.Lines.Count} lines on a {size.Height}-row screen");
        Assert.All(plan.Lines, l => Assert.True(l.Text.Length <= size.Width, $"{l.Text.Length} > {size.Width}: {l.Text}"));
    }

    /// <summary>The region line of <paramref name="region"/>, followed by its metric lines (name first after the indent).</summary>
    private static IReadOnlyList<string> MetricsUnder(ScreenPlan plan, string region)
    {
        var start = plan.Lines.FindIndex(l => l.Kind == ScreenLineKind.Region && l.Text.TrimStart().StartsWith(region + " ", StringComparison.Ordinal));
        Assert.True(start >= 0, $"no line for {region}");
        return [.. plan.Lines.Skip(start + 1).TakeWhile(l => l.Kind is ScreenLineKind.Metric or ScreenLineKind.More && l.Text.StartsWith("      ", StringComparison.Ordinal)).Select(l => l.Text.Trim())];
    }

    [Fact]
    public void On_150_by_50_every_wave_region_and_the_holding_regions_metrics_show_and_the_done_regions_metrics_do_not()
    {
        var size = new ScreenSize(150, 50);
        var events = Events(12);

        var plan = CampaignScreenPlanner.Plan(DemoShape(), events, size);

        AssertFits(plan, size);
        Assert.Equal(["wave 1/3: 1 done", "wave 2/3: 1 in-progress", "wave 3/3: 2 pending"], Texts(plan, ScreenLineKind.Wave));
        Assert.Equal(["eu-west", "us-east", "us-west", "ap-south"], Texts(plan, ScreenLineKind.Region).Select(t => t.Trim().Split(' ')[0]));
        Assert.Equal(HoldMetrics.Count, MetricsUnder(plan, "us-east").Count);
        Assert.StartsWith("latency_p95_ms", MetricsUnder(plan, "us-east")[0], StringComparison.Ordinal);
        Assert.Empty(MetricsUnder(plan, "eu-west"));
        Assert.DoesNotContain(plan.Lines, l => l.Text.Contains("111.1 ms", StringComparison.Ordinal));
        Assert.Equal(events, Texts(plan, ScreenLineKind.Event));
    }

    [Fact]
    public void A_region_line_has_its_arm_epoch_step_and_gate_verdict()
    {
        var plan = CampaignScreenPlanner.Plan(DemoShape(), [], new ScreenSize(150, 50));

        var lines = Texts(plan, ScreenLineKind.Region).Select(t => string.Join(' ', t.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal("eu-west green epoch 1 done hold pass", lines[0]);
        Assert.Equal("us-east green epoch 1 hold-and-watch hold inconclusive", lines[1]);
        Assert.Equal("us-west blue epoch - pending -", lines[2]);
    }

    [Fact]
    public void On_80_by_24_two_holding_regions_share_the_rows_left_and_each_cut_list_keeps_its_worst_metric_first()
    {
        var size = new ScreenSize(80, 24);
        var status = Campaign(1, [Done("eu-west", 0)], [Holding("us-east", 1, 500, GateVerdict.Fail), Holding("us-west", 1, 350)], [Pending("ap-south", 2)]);
        var events = Events(30);

        var plan = CampaignScreenPlanner.Plan(status, events, size);

        AssertFits(plan, size);
        Assert.Equal(3, Texts(plan, ScreenLineKind.Wave).Count);
        Assert.Equal(4, Texts(plan, ScreenLineKind.Region).Count);
        var east = MetricsUnder(plan, "us-east");
        var west = MetricsUnder(plan, "us-west");
        Assert.InRange(east.Count - west.Count, 0, 1);
        Assert.InRange(west.Count, 2, HoldMetrics.Count - 1);
        foreach (var (metrics, verdict) in new[] { (east, "fail"), (west, "inconclusive") })
        {
            Assert.Matches($@"^latency_p95_ms .* {verdict}\b", metrics[0]);
            Assert.Equal($"… {HoldMetrics.Count - metrics.Count + 1} more metrics", metrics[^1]);
        }

        var shown = Texts(plan, ScreenLineKind.Event);
        Assert.InRange(shown.Count, 3, events.Count - 1);
        Assert.Equal(events.TakeLast(shown.Count), shown);
    }

    [Fact]
    public void On_a_40_by_10_terminal_with_many_regions_every_wave_the_failing_region_and_the_latest_event_stay()
    {
        var size = new ScreenSize(40, 10);
        var status = Campaign(
            1,
            [.. Enumerable.Range(0, 8).Select(i => Done($"eu-{i}", 0))],
            [.. Enumerable.Range(0, 8).Select(i => i == 5 ? Holding($"us-{i}", 1, 500, GateVerdict.Fail) : InProgress($"us-{i}", 1, ChecklistStep.WarmGreen))],
            [.. Enumerable.Range(0, 8).Select(i => Pending($"ap-{i}", 2))]);
        var events = Events(20);

        var plan = CampaignScreenPlanner.Plan(status, events, size);

        AssertFits(plan, size);
        Assert.Equal(3, Texts(plan, ScreenLineKind.Wave).Count);
        Assert.Contains(Texts(plan, ScreenLineKind.Region), t => t.TrimStart().StartsWith("us-5 ", StringComparison.Ordinal));
        Assert.Contains(plan.Lines, l => l.Kind == ScreenLineKind.More && l.Text.Contains("more regions", StringComparison.Ordinal));
        Assert.Equal(events[^1], Assert.Single(Texts(plan, ScreenLineKind.Event)));

        // The waves whose regions are all hidden name them on their own line, cut to the width.
        Assert.StartsWith("wave 1/3: 8 done (eu-0, eu-1", Texts(plan, ScreenLineKind.Wave)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void When_not_even_a_line_per_wave_fits_the_waves_nearest_the_current_one_stay_and_the_rest_are_counted()
    {
        var size = new ScreenSize(40, 10);
        var waves = Enumerable.Range(0, 20)
            .Select(w => (ImmutableList<RegionProgress>)[w < 12 ? Done($"r-{w}", w) : w == 12 ? Holding($"r-{w}", w) : Pending($"r-{w}", w)])
            .ToArray();

        var plan = CampaignScreenPlanner.Plan(Campaign(12, waves), Events(3), size);

        AssertFits(plan, size);
        var shown = Texts(plan, ScreenLineKind.Wave);
        Assert.Contains(shown, t => t.StartsWith("wave 13/20:", StringComparison.Ordinal));
        var more = Assert.Single(plan.Lines, l => l.Kind == ScreenLineKind.More);
        Assert.Equal($"… {20 - shown.Count} more waves", more.Text);
        Assert.Single(Texts(plan, ScreenLineKind.Event));
    }

    [Fact]
    public void A_rolled_back_region_whose_hold_failed_shows_its_metrics_and_a_blue_arm_past_its_green_epoch()
    {
        var status = Campaign(0, [FailedAndRolledBack("eu-west", 0), Done("us-east", 0) with { Outcome = RegionOutcome.RolledBack }]) with
        {
            State = CampaignState.RolledBack,
            Reason = "hold gate failed in eu-west",
        };

        var plan = CampaignScreenPlanner.Plan(status, Events(2), new ScreenSize(150, 50));

        Assert.Equal("  reason: hold gate failed in eu-west", Assert.Single(Texts(plan, ScreenLineKind.Reason)));
        Assert.Matches(@"^eu-west +blue +epoch >1 +rolled-back +hold fail", Texts(plan, ScreenLineKind.Region)[0].Trim());
        Assert.Matches(@"^latency_p95_ms +999\.9 ms +target ≤ 300 ms, stop > 450 ms +fail", MetricsUnder(plan, "eu-west")[0]);
        Assert.Empty(MetricsUnder(plan, "us-east"));
    }

    [Fact]
    public void A_tall_terminal_gives_the_rows_metrics_do_not_need_to_older_events()
    {
        var events = Events(100);

        var plan = CampaignScreenPlanner.Plan(DemoShape(), events, new ScreenSize(150, 80));

        Assert.Equal(events.TakeLast(Texts(plan, ScreenLineKind.Event).Count), Texts(plan, ScreenLineKind.Event));
        Assert.True(Texts(plan, ScreenLineKind.Event).Count > CampaignScreenPlanner.MaxReservedEvents, "events did not take the spare rows");
        Assert.Equal(80 - CampaignScreenPlanner.CursorRows, plan.Lines.Count);
    }

    [Theory]
    [InlineData(150, 50)]
    [InlineData(80, 24)]
    [InlineData(40, 10)]
    [InlineData(20, 4)]
    [InlineData(1, 2)]
    public void No_size_gets_more_lines_than_its_rows_or_a_line_wider_than_its_width(int width, int height)
    {
        var size = new ScreenSize(width, height);
        var status = Campaign(
            1,
            [FailedAndRolledBack("eu-west-with-a-long-region-name", 0)],
            [.. Enumerable.Range(0, 30).Select(i => Holding($"us-{i}", 1))]) with
        {
            Reason = "a reason\nover two lines that would wrap",
        };

        var plan = CampaignScreenPlanner.Plan(status, Events(50), size);

        AssertFits(plan, size);
        Assert.NotEmpty(plan.Lines);
        Assert.DoesNotContain(plan.Lines, l => l.Text.Any(char.IsControl));
    }
}
