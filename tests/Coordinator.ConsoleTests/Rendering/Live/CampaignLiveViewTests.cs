using Coordinator.Console.App;
using Coordinator.Console.Commands.Campaigns;
using Coordinator.Console.Rendering.Live;
using Spectre.Console.Testing;
using static Coordinator.ConsoleTests.Rendering.Live.LiveCampaigns;

namespace Coordinator.ConsoleTests.Rendering.Live;

public sealed class CampaignLiveViewTests
{
    [Fact]
    public void Drawn_on_a_150_by_50_console_the_view_keeps_every_wave_region_and_latest_event_within_the_screen()
    {
        using var console = new TestConsole().Width(150);
        console.Profile.Height = 50;
        var events = Events(12);

        console.Write(CampaignLiveView.Render(DemoShape(), events, console));

        var lines = console.Output.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length <= 50, $"{lines.Length} lines:\n{console.Output}");
        Assert.All(lines, l => Assert.True(l.Length <= 150, $"{l.Length} columns: {l}"));
        foreach (var wave in new[] { "wave 1/3: 1 done", "wave 2/3: 1 in-progress", "wave 3/3: 2 pending" })
        {
            Assert.Contains(wave, lines);
        }

        foreach (var region in new[] { "eu-west", "us-east", "us-west", "ap-south" })
        {
            Assert.Single(lines, l => l.StartsWith($"  {region} ", StringComparison.Ordinal));
        }

        Assert.Equal(events, lines[^events.Count..]);

        // us-east holds: its metrics, one line each, under its line; eu-west is done: none of its numbers.
        var east = Array.FindIndex(lines, l => l.StartsWith("  us-east ", StringComparison.Ordinal));
        Assert.Equal(HoldMetrics.Order(), lines.Skip(east + 1).Take(HoldMetrics.Count).Select(l => l.Trim().Split(' ')[0]).Order());
        Assert.Contains(lines, l => l.Contains("222.2 ms", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("111.1 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void Campaign_status_still_prints_the_full_gate_table_for_every_region()
    {
        using var output = new TestConsole().Width(250);
        using var errors = new TestConsole().Width(250);

        new CampaignStatusOperation(new ConsoleIo(output, errors)).Show(DemoShape(), json: false);

        Assert.Contains("gate metrics", output.Output);
        Assert.Contains("111.1 ms", output.Output);
        Assert.Contains("222.2 ms", output.Output);

        // Warm and hold for both gated regions: every metric row.
        var rows = output.Output.Split('\n').Count(l => HoldMetrics.Any(m => l.Contains($" {m} ", StringComparison.Ordinal)));
        Assert.Equal(4 * HoldMetrics.Count, rows);
    }
}
