using Coordinator.Fleet;

namespace Coordinator.ConsoleTests.Fleet;

/// <summary>The summary's figures: a region's row and the fleet's totals come from the same sums.</summary>
public sealed class FleetFiguresTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static RegionCounters Counters(string region, long blue, long green, long accepted, long rejected, long commits)
    {
        var c = new RegionCounters(region);
        RegionCounters.Add(ref c.ServedBlue, blue);
        RegionCounters.Add(ref c.ServedGreen, green);
        RegionCounters.Add(ref c.WritesAccepted, accepted);
        RegionCounters.Add(ref c.WritesRejected, rejected);
        RegionCounters.Add(ref c.CommitsAccepted, commits);
        RegionCounters.Add(ref c.SmokeReports);
        return c;
    }

    [Fact]
    public void Totals_are_the_sum_of_the_region_rows()
    {
        var east = Counters("us-east", blue: 10, green: 5, accepted: 7, rejected: 2, commits: 4);
        var west = Counters("us-west", blue: 3, green: 8, accepted: 1, rejected: 0, commits: 6);
        var frozen = new Dictionary<string, FrozenWindow?> { ["us-east"] = null, ["us-west"] = null };

        var rows = new[] { new FleetFigures([east], frozen), new FleetFigures([west], frozen) };
        var totals = new FleetFigures([east, west], frozen);

        Assert.Equal(rows.Sum(r => r.Requests().Blue), totals.Requests().Blue);
        Assert.Equal(13, totals.Requests().Blue);
        Assert.Equal(13, totals.Requests().Green);
        Assert.Equal(8, totals.Writes().Accepted);
        Assert.Equal(2, totals.Writes().RejectedOther);
        Assert.Equal(10, totals.Commits().Accepted);
        Assert.Equal(2, totals.SmokeReports());
        Assert.Equal(rows.Sum(r => r.Writes().Accepted), totals.Writes().Accepted);
        Assert.Equal(rows.Sum(r => r.Commits().Accepted), totals.Commits().Accepted);
    }

    [Fact]
    public void Writes_are_judged_by_the_regions_freeze_window()
    {
        var east = Counters("us-east", blue: 0, green: 0, accepted: 2, rejected: 3, commits: 0);
        east.AcceptedWriteTimes.Enqueue(T0.AddSeconds(1));
        east.AcceptedWriteTimes.Enqueue(T0.AddSeconds(20));
        east.RejectedWriteTimes.Enqueue(T0.AddSeconds(5));
        east.RejectedWriteTimes.Enqueue(T0.AddSeconds(6));
        east.RejectedWriteTimes.Enqueue(T0.AddSeconds(30));
        var frozen = new Dictionary<string, FrozenWindow?> { ["us-east"] = new FrozenWindow(T0.AddSeconds(2), T0.AddSeconds(10)) };

        var writes = new FleetFigures([east], frozen).Writes();

        Assert.Equal(2, writes.RejectedWhileFrozen);
        Assert.Equal(1, writes.RejectedOther);
        Assert.Equal(0, writes.AcceptedWhileFrozen);
    }

    [Fact]
    public void An_accepted_write_inside_the_window_is_counted()
    {
        var east = Counters("us-east", blue: 0, green: 0, accepted: 1, rejected: 0, commits: 0);
        east.AcceptedWriteTimes.Enqueue(T0.AddSeconds(5));
        var frozen = new Dictionary<string, FrozenWindow?> { ["us-east"] = new FrozenWindow(T0.AddSeconds(2), T0.AddSeconds(10)) };

        Assert.Equal(1, new FleetFigures([east], frozen).Writes().AcceptedWhileFrozen);
    }
}
