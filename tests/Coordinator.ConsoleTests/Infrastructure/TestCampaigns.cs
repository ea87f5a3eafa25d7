using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Campaigns;

namespace Coordinator.ConsoleTests.Infrastructure;

/// <summary>Campaign spec JSON and smoke reports for the console's campaign tests.</summary>
public static class TestCampaigns
{
    /// <summary>A one-wave spec moving <paramref name="regions"/> to <see cref="TestManifests.Green"/>, hold 0, no fences, automatic approval.</summary>
    public static JsonObject Spec(string service, string campaignId, params string[] regions) => new()
    {
        ["version"] = 1,
        ["campaign_id"] = campaignId,
        ["service"] = service,
        ["operator"] = "tester",
        ["reason"] = "console campaign test",
        ["target"] = JsonSerializer.SerializeToNode(TestManifests.Green),
        ["hold_seconds"] = 0,
        ["smoke_deadline_seconds"] = 600,
        ["waves"] = new JsonArray(new JsonObject { ["name"] = "only", ["regions"] = new JsonArray([.. regions.Select(r => JsonValue.Create(r))]) }),
    };

    /// <summary>The repository's infra/campaigns/<paramref name="name"/>, found by walking up to Coordinator.sln.</summary>
    public static string InfraSpec(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coordinator.sln")))
            {
                return Path.Combine(dir.FullName, "infra", "campaigns", name);
            }
        }

        throw new InvalidOperationException("Coordinator.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A passing smoke run: 20 items, ΔS 0.2-0.3 on 3 paraphrases, coverage 0.85, λ convergent on 2 seeds, pinned to Green.</summary>
    public static SmokeReport PassingSmoke(string service, string region) => new()
    {
        Service = service,
        Region = region,
        SubmittedAt = DateTimeOffset.UtcNow,
        Evaluator = "console-tests",
        Versions = new PinnedVersions
        {
            IndexHash = (string)TestManifests.Green["index_hash"]!,
            EmbedSchema = (string)TestManifests.Green["embed_schema"]!,
            RerankConf = (string)TestManifests.Green["rerank_conf"]!,
            PromptVer = (string)TestManifests.Green["prompt_ver"]!,
            ModelVer = (string)TestManifests.Green["model_ver"]!,
        },
        Items = [.. Enumerable.Range(1, 20).Select(i => new SmokeItem
        {
            Id = $"q-{i:00}",
            DeltaS = [0.2, 0.25, 0.3],
            Coverage = 0.85,
            Lambda = [LambdaState.Convergent, LambdaState.Convergent],
            LatencyMs = 250,
        })],
    };
}
