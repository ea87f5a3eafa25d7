using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coordinator.ApiTests;

/// <summary>Smoke report bodies as an outside evaluator would POST them, pinned to the green manifest ("idx-green").</summary>
public static class SmokeReports
{
    /// <summary>20 items with ΔS 0.2-0.3 and λ convergent; at the default coverage 0.85 the Warm gate passes.</summary>
    public static string Json(string region, double coverage = 0.85)
    {
        var manifest = JsonNode.Parse(Manifests.Json("idx-green"))!.AsObject();
        return JsonSerializer.Serialize(new
        {
            region,
            evaluator = "api-tests",
            versions = new
            {
                index_hash = (string?)manifest["index_hash"],
                embed_schema = (string?)manifest["embed_schema"],
                rerank_conf = (string?)manifest["rerank_conf"],
                prompt_ver = (string?)manifest["prompt_ver"],
                model_ver = (string?)manifest["model_ver"],
            },
            items = Enumerable.Range(1, 20).Select(i => new
            {
                id = $"q-{i:00}",
                delta_s = new[] { 0.2, 0.25, 0.3 },
                coverage,
                lambda = new[] { "convergent", "convergent" },
                latency_ms = 250,
            }),
        });
    }
}
