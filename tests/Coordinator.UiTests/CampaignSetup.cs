using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Campaigns;

namespace Coordinator.UiTests;

/// <summary>What the browser tests set up through the API, as any HTTP client would: arms, campaigns, smoke reports, telemetry.</summary>
internal static class CampaignSetup
{
    public static string Manifest(string indexHash) => $$"""
        {
          "index_hash": "{{indexHash}}",
          "embed_schema": "e5-large-v2@1024",
          "rerank_conf": "bge-reranker-v2@topk50",
          "prompt_ver": "answer-v7",
          "model_ver": "gpt-4.1-2025-04-14",
          "secrets_fingerprint": "sha256:{{new string('a', 64)}}",
          "consumer_ver": "consumer-{{indexHash}}"
        }
        """;

    /// <summary>Registers Blue (idx-blue) and Green (idx-green) in each region, as the operator.</summary>
    public static async Task RegisterBothAsync(UiFixture fixture, string service, params string[] regions)
    {
        using var client = fixture.Api("olga");
        foreach (var region in regions)
        {
            foreach (var arm in new[] { "blue", "green" })
            {
                var response = await client.PutAsync($"api/v1/services/{service}/regions/{region}/arms/{arm}", UiFixture.Json(Manifest($"idx-{arm}")));
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            }
        }
    }

    /// <summary>A spec moving each wave's regions to the Green manifest, without fences.</summary>
    public static JsonObject Spec(string service, string id, int holdSeconds, params string[][] waves) => new()
    {
        ["version"] = 1,
        ["campaign_id"] = id,
        ["service"] = service,
        ["operator"] = "replaced-by-the-principal",
        ["reason"] = "browser test",
        ["target"] = JsonNode.Parse(Manifest("idx-green")),
        ["hold_seconds"] = holdSeconds,
        ["smoke_deadline_seconds"] = 600,
        ["waves"] = new JsonArray([.. waves.Select((regions, i) => (JsonNode)new JsonObject
        {
            ["name"] = $"wave-{i + 1}",
            ["regions"] = new JsonArray([.. regions.Select(r => (JsonNode)JsonValue.Create(r))]),
        })]),
    };

    public static async Task StartAsync(UiFixture fixture, string principal, JsonObject spec)
    {
        using var client = fixture.Api(principal);
        var response = await client.PostAsync($"api/v1/services/{spec["service"]}/campaigns", UiFixture.Json(spec.ToJsonString()));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits for the region to reach Warm Green, then submits a passing smoke report for it as the writer.</summary>
    public static async Task PassWarmAsync(UiFixture fixture, string service, string id, string region)
    {
        var cutover = fixture.Grains.GetGrain<ICutoverGrain>(service);
        await Poll.UntilAsync(() => cutover.GetStatusAsync(id), s => s?.Regions.Single(r => r.Region == region).Step == ChecklistStep.WarmGreen, $"{region} of {id} to reach warm-green");
        using var writer = fixture.Api("wes");
        var response = await writer.PostAsync($"api/v1/services/{service}/campaigns/{id}/smoke-reports", UiFixture.Json(PassingSmoke(region)));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    /// <summary>One window of an arm's requests ending now: every request at <paramref name="latencyMs"/>, every sample at ΔS 0.2 and coverage 0.85, λ convergent.</summary>
    public static async Task ReportTelemetryAsync(UiFixture fixture, string service, string region, string arm, int requests, double latencyMs)
    {
        var now = DateTimeOffset.UtcNow;
        var manifest = JsonNode.Parse(Manifest($"idx-{arm}"))!.AsObject();
        var samples = requests / 2;
        var body = new
        {
            from = now.AddSeconds(-2).ToString("O"),
            to = now.ToString("O"),
            versions = Versions(manifest),
            request_count = requests,
            error_count = 0,
            http_5xx_count = 0,
            latency = new { offset = Histogram.BucketOf(HistogramScale.LatencyMs, latencyMs), counts = new[] { requests } },
            delta_s = new { offset = Histogram.BucketOf(HistogramScale.UnitInterval, 0.2), counts = new[] { samples } },
            delta_s_sum = 0.2 * samples,
            coverage_sum = 0.85 * samples,
            coverage_count = samples,
            lambda_samples = samples,
            lambda_flipped = 0,
            lambda_convergent = samples,
        };
        using var writer = fixture.Api("wes");
        var response = await writer.PostAsync($"api/v1/services/{service}/regions/{region}/telemetry/{arm}", UiFixture.Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private static object Versions(JsonObject manifest) => new
    {
        index_hash = (string?)manifest["index_hash"],
        embed_schema = (string?)manifest["embed_schema"],
        rerank_conf = (string?)manifest["rerank_conf"],
        prompt_ver = (string?)manifest["prompt_ver"],
        model_ver = (string?)manifest["model_ver"],
    };

    private static string PassingSmoke(string region) => JsonSerializer.Serialize(new
    {
        region,
        evaluator = "ui-tests",
        versions = Versions(JsonNode.Parse(Manifest("idx-green"))!.AsObject()),
        items = Enumerable.Range(1, 20).Select(i => new
        {
            id = $"q-{i:00}",
            delta_s = new[] { 0.2, 0.25, 0.3 },
            coverage = 0.85,
            lambda = new[] { "convergent", "convergent" },
            latency_ms = 250,
        }),
    });
}
