using System.Text.Json;
using Coordinator.Console.Commands.Demo;
using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Demo;

/// <summary>The demo starts its own silo, arms and edges, so it needs no fixture. Each run takes 20-40 s.</summary>
public sealed class DemoTests
{
    private static readonly string[] Regions = ["eu-west", "us-east", "us-west", "ap-south"];
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private static Task<ConsoleRun> DemoAsync(params string[] args) => ConsoleRun.RunAsync(["demo", .. args]).WaitAsync(Deadline);

    [Fact]
    public async Task The_demo_completes_with_every_region_on_green_once_and_no_fencing_or_epoch_violation()
    {
        var run = await DemoAsync("--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(DemoCommand.Banner, run.Errors);
        using var json = JsonDocument.Parse(run.Output);
        var summary = json.RootElement;
        Assert.False(summary.GetProperty("simulated").GetBoolean());
        Assert.Equal("completed", summary.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("rollback_seconds").ValueKind);

        var regions = summary.GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal(Regions, regions.Select(r => r.GetProperty("region").GetString()));
        foreach (var region in regions)
        {
            var name = region.GetProperty("region").GetString();
            Assert.True(region.GetProperty("arm").GetString() == "green", $"{name} ended on {region.GetProperty("arm")}");
            Assert.True(region.GetProperty("flips").GetInt32() == 1, $"{name} flipped {region.GetProperty("flips")} times");
            Assert.Equal(1, region.GetProperty("epoch").GetInt64());
            Assert.Equal("done", region.GetProperty("outcome").GetString());

            // Served by Blue before its flip and by Green after it.
            Assert.True(Count(region, "requests", "blue") > 0, $"{name}: no request served by blue");
            Assert.True(Count(region, "requests", "green") > 0, $"{name}: no request served by green");
        }

        Assert.Equal(0, Count(summary, "requests", "lower_epoch_reads"));
        Assert.Equal(0, Count(summary, "requests", "errors"));
        Assert.True(Count(summary, "writes", "accepted") > 0, "no write was accepted");
        Assert.Equal(0, Count(summary, "writes", "accepted_while_frozen"));
        Assert.Equal(0, Count(summary, "writes", "token_regressions"));
        Assert.True(Count(summary, "commits", "accepted") > 0, "no commit was accepted");
        Assert.True(Count(summary, "commits", "replayed") > 0, "the simulation replayed nothing");
        Assert.Equal(Count(summary, "commits", "replayed"), Count(summary, "commits", "duplicates"));
        Assert.Equal(Count(summary, "commits", "zombie_commits"), Count(summary, "commits", "fenced"));
        Assert.Equal(0, Count(summary, "commits", "zombie_accepted"));
        Assert.Equal(0, Count(summary, "commits", "offset_regressions"));
        Assert.Equal(Regions.Length, summary.GetProperty("smoke_reports").GetInt64());

        // Every region of a wave gets its own hold evaluations: none is extended for want of one.
        Assert.DoesNotContain("no gate result during the hold", run.Errors);

        // Real HTTP: each arm server's own count of asks is exactly what the client got answers from, and the
        // requests the client counted as served; nothing failed, least of all across the flips.
        var http = summary.GetProperty("http");
        Assert.Equal(0, http.GetProperty("failed").GetInt64());
        Assert.Equal(0, http.GetProperty("failed_across_flips").GetInt64());
        var served = regions.ToDictionary(r => r.GetProperty("region").GetString()!, r => r.GetProperty("requests"));
        foreach (var region in http.GetProperty("regions").EnumerateArray())
        {
            var name = region.GetProperty("region").GetString()!;
            foreach (var arm in new[] { "blue", "green" })
            {
                var figures = region.GetProperty(arm);
                var asks = figures.GetProperty("asks").GetInt64();
                Assert.True(asks > 0, $"{name}: the {arm} arm server counted no ask");
                Assert.True(asks == figures.GetProperty("client_answers").GetInt64(), $"{name}/{arm}: the arm counted {asks} asks, the client got {figures.GetProperty("client_answers")} answers");
                Assert.Equal(asks, served[name].GetProperty(arm).GetInt64());
                Assert.Equal(0, figures.GetProperty("asks5xx").GetInt64());
                Assert.True(figures.GetProperty("coverage_mean").GetDouble() >= 0.7, $"{name}/{arm}: measured coverage {figures.GetProperty("coverage_mean")}");
            }

            var flip = Assert.Single(region.GetProperty("flips").EnumerateArray());
            Assert.Equal("green", flip.GetProperty("to").GetString());
            Assert.Equal(JsonValueKind.Number, flip.GetProperty("old_arm_last_request_ms").ValueKind);
            Assert.Equal(0, flip.GetProperty("failed").GetInt64());
        }

        Assert.Equal(JsonValueKind.Number, http.GetProperty("max_old_arm_after_flip_ms").ValueKind);
    }

    [Fact]
    public async Task Degraded_coverage_in_a_later_wave_fails_its_gate_and_rolls_every_region_back_to_blue()
    {
        var run = await DemoAsync("--inject", "ap-south:coverage=0.55", "--json");

        Assert.True(run.ExitCode == 6, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var summary = json.RootElement;
        Assert.Equal("rolled_back", summary.GetProperty("state").GetString());
        var reason = summary.GetProperty("reason").GetString()!;
        Assert.Contains("ap-south", reason);
        Assert.Contains("stop_rules.min_coverage fired", reason);
        Assert.Equal(["ap-south:coverage=0.55"], summary.GetProperty("injected").EnumerateArray().Select(i => i.GetString()));
        Assert.True(summary.GetProperty("rollback_seconds").GetDouble() > 0);
        foreach (var region in summary.GetProperty("regions").EnumerateArray())
        {
            var name = region.GetProperty("region").GetString();
            Assert.True(region.GetProperty("arm").GetString() == "blue", $"{name} ended on {region.GetProperty("arm")}");
            Assert.Equal("rolled_back", region.GetProperty("outcome").GetString());
        }

        // The Warm smoke report is simulated and undegraded: the degraded region flipped, and its hold saw the
        // coverage the client measured on the real Green's answers fall, and went back with every other region.
        var regions = summary.GetProperty("regions").EnumerateArray().ToDictionary(r => r.GetProperty("region").GetString()!);
        Assert.Equal(2, regions["eu-west"].GetProperty("flips").GetInt32());
        Assert.Equal(2, regions["ap-south"].GetProperty("flips").GetInt32());
        var http = summary.GetProperty("http").GetProperty("regions").EnumerateArray().ToDictionary(r => r.GetProperty("region").GetString()!);
        var degraded = http["ap-south"].GetProperty("green");
        Assert.StartsWith("drop_fraction=", degraded.GetProperty("degraded").GetString());
        Assert.True(degraded.GetProperty("asks").GetInt64() > 0, "the degraded Green served nothing");
        Assert.True(degraded.GetProperty("coverage_mean").GetDouble() < 0.6, $"measured coverage of the degraded Green: {degraded.GetProperty("coverage_mean")}");
        Assert.True(http["eu-west"].GetProperty("green").GetProperty("coverage_mean").GetDouble() >= 0.7);
        Assert.Equal(0, summary.GetProperty("http").GetProperty("failed_across_flips").GetInt64());
        Assert.Equal(0, Count(summary, "requests", "lower_epoch_reads"));
        Assert.Equal(0, Count(summary, "writes", "accepted_while_frozen"));
        Assert.Equal(Count(summary, "commits", "replayed"), Count(summary, "commits", "duplicates"));
    }

    [Fact]
    public async Task Without_json_the_demo_shows_the_banner_the_live_campaign_and_the_summary_table()
    {
        var run = await DemoAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(DemoCommand.Banner, run.Output);
        Assert.Contains("simulated", run.Output);
        Assert.Contains("campaign rag-api-demo: completed: 4 region(s) on Green", run.Output);
        Assert.Contains("Fleet summary", run.Output);
        Assert.Contains("HTTP at the arms", run.Output);
        Assert.Contains("requests per arm (arm servers)", run.Output);
        Assert.Contains("failed across flips", run.Output);
        Assert.Contains("LEXICAL TF-IDF", run.Output);
        Assert.Contains("writes accepted while frozen", run.Output);
        foreach (var region in Regions)
        {
            Assert.Contains($"{region} (wave", run.Output);
            Assert.Contains($"{region}: flip done: flipped to Green at epoch 1", run.Output);
        }
    }

    [Theory]
    [InlineData("ap-south", "is not <region>:<metric>=<value>")]
    [InlineData("ap-south:coverage", "is not <region>:<metric>=<value>")]
    [InlineData("ap-south:bogus=0.5", "unknown metric 'bogus'")]
    [InlineData("ap-south:coverage=1.5", "outside 0-1")]
    [InlineData("ap-south:coverage=much", "not a number")]
    [InlineData("AP_South:coverage=0.5", "invalid region")]
    [InlineData("mars:coverage=0.5", "not one of the fleet's regions")]
    [InlineData("ap-south:delta_s=0.7", "cannot be degraded on delta_s")]
    public async Task A_bad_inject_exits_2_naming_the_option_and_the_reason_before_starting_anything(string inject, string reason)
    {
        var run = await DemoAsync("--inject", inject);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--inject", run.Errors);
        Assert.Contains(reason, run.Errors);
        Assert.DoesNotContain("started one silo", run.All);
    }

    private static long Count(JsonElement element, string group, string name) => element.GetProperty(group).GetProperty(name).GetInt64();
}
