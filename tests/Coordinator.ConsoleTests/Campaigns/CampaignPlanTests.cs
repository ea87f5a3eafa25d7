using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Campaigns;

/// <summary>campaign plan --offline never connects.</summary>
public sealed class CampaignPlanTests
{
    [Fact]
    public async Task Planning_the_example_offline_is_valid_and_lists_all_five_regions_in_wave_order()
    {
        var connector = new NoClusterConnector();

        var run = await ConsoleRun.RunAsync(["campaign", "plan", TestCampaigns.InfraSpec("example.json"), "--offline"], connector: connector);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, connector.Attempts);
        var positions = new[] { "eu-west", "us-east", "us-west", "ap-south", "eu-north" }.Select(r => run.Output.IndexOf(r, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, run.ToString()));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("canary", run.Output);
        Assert.Contains("operator approves", run.Output);
        Assert.Contains("etl-nightly", run.Output);
        Assert.Contains("nothing was changed", run.Output);
    }

    [Fact]
    public async Task A_spec_with_a_region_in_two_waves_and_a_bad_threshold_is_refused_naming_both_paths()
    {
        var spec = TestCampaigns.Spec("rag-api", "bad-1", "eu-west");
        spec["waves"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["regions"] = new System.Text.Json.Nodes.JsonArray("eu-west") });
        spec["gate"] = new System.Text.Json.Nodes.JsonObject { ["min_coverage"] = 1.7 };
        var path = Path.Combine(Path.GetTempPath(), $"bad-spec-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, spec.ToJsonString());
        try
        {
            var connector = new NoClusterConnector();

            var run = await ConsoleRun.RunAsync(["campaign", "plan", path, "--offline"], connector: connector);

            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Equal(0, connector.Attempts);
            Assert.Contains("$.waves[1].regions[0]", run.Errors);
            Assert.Contains("$.gate.min_coverage", run.Errors);

            var json = await ConsoleRun.RunAsync(["campaign", "plan", path, "--offline", "--json"], connector: connector);
            Assert.True(json.ExitCode == 2, json.ToString());
            using var document = System.Text.Json.JsonDocument.Parse(json.Output);
            Assert.False(document.RootElement.GetProperty("valid").GetBoolean());
            var paths = document.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
            Assert.Contains("$.waves[1].regions[0]", paths);
            Assert.Contains("$.gate.min_coverage", paths);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
