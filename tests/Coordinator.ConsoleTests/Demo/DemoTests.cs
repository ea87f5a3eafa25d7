using System.Text.Json;
using Coordinator.Console.Commands.Demo;
using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.Evaluation.Embeddings;
using Coordinator.Evaluation.Gold;

namespace Coordinator.ConsoleTests.Demo;

/// <summary>The demo starts its own silo, arms and edges, so it needs no fixture. Each run takes 20-60 s.</summary>
public sealed class DemoTests
{
    private static readonly string[] Regions = ["eu-west", "us-east", "us-west", "ap-south"];
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>"provider/model@version" as the coordinator's evaluator names MiniLM.</summary>
    private static readonly string MiniLm = $"{MiniLmEmbeddingGenerator.ProviderName}/{MiniLmEmbeddingGenerator.ModelId}@{MiniLmEmbeddingGenerator.PackageVersion}";

    private static Task<ConsoleRun> DemoAsync(params string[] args) => ConsoleRun.RunAsync(["demo", .. args]).WaitAsync(Deadline);

    /// <summary>What the demo's spec has the coordinator run at each Warm Green: its gold set, and the calls one run makes of Green.</summary>
    private static (GoldSet Gold, int Measured, int WarmUp) DemoWarm()
    {
        var warm = DemoCampaign.Read().Warm!;
        var gold = GoldSet.Parse(warm.GoldSetContent);
        return (gold, gold.Items.Sum(i => i.Paraphrases.Count) * warm.Seeds.Count, gold.Items.Count * warm.Warmup);
    }

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

        // Nobody submitted a smoke report: each region's Warm numbers are the coordinator's own measurement of its real Green.
        Assert.Equal(0, summary.GetProperty("smoke_reports").GetInt64());
        var (gold, measured, warmUp) = DemoWarm();
        foreach (var region in regions)
        {
            var name = region.GetProperty("region").GetString();
            var warm = region.GetProperty("warm");
            Assert.True(warm.GetProperty("verdict").GetString() == "pass", $"{name}: {warm}");
            Assert.Equal(MiniLm, warm.GetProperty("embedder").GetString());
            Assert.Equal(gold.Fingerprint, warm.GetProperty("gold_set_fingerprint").GetString());
            Assert.Equal(measured, warm.GetProperty("calls").GetInt32());
            Assert.Equal(0, warm.GetProperty("failed_calls").GetInt32());
            Assert.Equal(gold.Items.Count, warm.GetProperty("complete_items").GetInt32());
            Assert.True(warm.GetProperty("coverage_mean").GetDouble() >= 0.7, $"{name}: {warm}");
            Assert.InRange(warm.GetProperty("delta_s_p95").GetDouble(), 0.0, 0.45);
        }

        // Every region of a wave gets its own hold evaluations: none is extended for want of one.
        Assert.DoesNotContain("no gate result during the hold", run.Errors);

        // Real HTTP: each arm server's own count of asks is exactly what the client got answers from, and the
        // requests the client counted as served, except that Green also answered the coordinator's evaluator directly
        // (not through the edge): exactly one warm-up pass and items × paraphrases × seeds; nothing failed, least of all across the flips.
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
                var answers = figures.GetProperty("client_answers").GetInt64();
                var evaluator = arm == "green" ? measured + warmUp : 0;
                Assert.True(asks == answers + evaluator, $"{name}/{arm}: the arm counted {asks} asks, the client got {answers} answers, the evaluator made {evaluator} calls");
                Assert.Equal(answers, served[name].GetProperty(arm).GetInt64());
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
    public async Task Degraded_coverage_in_a_later_wave_fails_its_measured_warm_gate_and_rolls_every_region_back_to_blue()
    {
        var run = await DemoAsync("--inject", "ap-south:coverage=0.55", "--json");

        Assert.True(run.ExitCode == 6, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var summary = json.RootElement;
        Assert.Equal("rolled_back", summary.GetProperty("state").GetString());
        var reason = summary.GetProperty("reason").GetString()!;
        Assert.StartsWith("ap-south: warm gate failed", reason);
        Assert.Contains("coverage_mean", reason);
        Assert.Equal(["ap-south:coverage=0.55"], summary.GetProperty("injected").EnumerateArray().Select(i => i.GetString()));
        Assert.True(summary.GetProperty("rollback_seconds").GetDouble() > 0);
        foreach (var region in summary.GetProperty("regions").EnumerateArray())
        {
            var name = region.GetProperty("region").GetString();
            Assert.True(region.GetProperty("arm").GetString() == "blue", $"{name} ended on {region.GetProperty("arm")}");
            Assert.Equal("rolled_back", region.GetProperty("outcome").GetString());
        }

        // Green's index in ap-south lacks part of the corpus: the coordinator's evaluator measured its coverage fall
        // below the gate before the flip, so ap-south never served Green and every region that had went back.
        var regions = summary.GetProperty("regions").EnumerateArray().ToDictionary(r => r.GetProperty("region").GetString()!);
        Assert.Equal(2, regions["eu-west"].GetProperty("flips").GetInt32());
        Assert.Equal(2, regions["us-east"].GetProperty("flips").GetInt32());
        Assert.Equal(0, regions["ap-south"].GetProperty("flips").GetInt32());
        var warm = regions["ap-south"].GetProperty("warm");
        Assert.Equal("fail", warm.GetProperty("verdict").GetString());
        Assert.Equal(MiniLm, warm.GetProperty("embedder").GetString());
        Assert.True(warm.GetProperty("coverage_mean").GetDouble() < 0.7, $"measured coverage of the degraded Green: {warm}");
        Assert.True(regions["eu-west"].GetProperty("warm").GetProperty("coverage_mean").GetDouble() >= 0.7);

        // The degraded Green's own server counted exactly the evaluator's calls, and no traffic reached it.
        var (_, measured, warmUp) = DemoWarm();
        var http = summary.GetProperty("http").GetProperty("regions").EnumerateArray().ToDictionary(r => r.GetProperty("region").GetString()!);
        var degraded = http["ap-south"].GetProperty("green");
        Assert.StartsWith("drop_fraction=", degraded.GetProperty("degraded").GetString());
        Assert.Equal(measured + warmUp, degraded.GetProperty("asks").GetInt64());
        Assert.Equal(0, degraded.GetProperty("client_answers").GetInt64());
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
        Assert.Contains("Warm Green (measured by the coordinator", run.Output);
        Assert.Contains(MiniLm, run.Output);
        Assert.Contains(DemoWarm().Gold.Fingerprint, run.Output);
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
