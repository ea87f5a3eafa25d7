using System.Text.Json.Nodes;
using Coordinator.Console.Commands.Campaigns;
using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.TestKit;

namespace Coordinator.ConsoleTests.Campaigns;

/// <summary>A spec's warm.gold_set names a file on the operator's machine: the console sends its text, because silos cannot read it.</summary>
public sealed class CampaignWarmGoldSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("warm-spec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_gold_set_beside_the_spec_is_read_and_carried_in_the_spec_sent()
    {
        var gold = await File.ReadAllTextAsync(Path.Combine(RepoLayout.Root, "infra", "gold", "ops-handbook.v1.gold.jsonl"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "handbook.gold.jsonl"), gold);
        var path = WriteSpec(new JsonObject { ["gold_set"] = "handbook.gold.jsonl", ["seeds"] = new JsonArray(1, 2) });

        var spec = CampaignSpecFile.Load(path).Read();
        var run = await ConsoleRun.RunAsync(["campaign", "plan", path, "--offline"], connector: new NoClusterConnector());

        Assert.True(spec.IsValid, string.Join("; ", spec.Errors));
        Assert.Equal(gold, spec.Spec!.Warm!.GoldSetContent);
        Assert.Equal("handbook.gold.jsonl", spec.Spec.Warm.GoldSet);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task A_gold_set_that_is_not_there_is_refused_naming_the_field_and_the_file()
    {
        var path = WriteSpec(new JsonObject { ["gold_set"] = "missing.gold.jsonl" });

        var run = await ConsoleRun.RunAsync(["campaign", "plan", path, "--offline"], connector: new NoClusterConnector());

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("$.warm.gold_set", run.Errors);
        Assert.Contains("missing.gold.jsonl", run.Errors);
    }

    private string WriteSpec(JsonObject warm)
    {
        var spec = TestCampaigns.Spec("rag-api", "warm-1", "eu-west");
        spec["warm"] = warm;
        var path = Path.Combine(_dir, "spec.json");
        File.WriteAllText(path, spec.ToJsonString());
        return path;
    }
}
