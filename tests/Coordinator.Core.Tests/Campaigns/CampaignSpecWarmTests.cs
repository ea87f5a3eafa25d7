using System.Text.Json.Nodes;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using static Coordinator.Core.Tests.Campaigns.CampaignSamples;

namespace Coordinator.Core.Tests.Campaigns;

/// <summary>The spec's optional <c>warm</c> block: the gold set the coordinator runs at Warm Green, and its settings.</summary>
public sealed class CampaignSpecWarmTests
{
    private static CampaignSpecReadResult Read(JsonObject warm)
    {
        var root = JsonNode.Parse(MinimalJson)!.AsObject();
        root["warm"] = warm;
        return CampaignSpecReader.Read(root.ToJsonString(), Regions);
    }

    [Fact]
    public void Absent_means_wait_for_an_external_report_and_keeps_the_fingerprint_of_older_specs()
    {
        var spec = CampaignSpecReader.Read(MinimalJson, Regions).Spec!;

        Assert.Null(spec.Warm);
        Assert.DoesNotContain("\"warm\"", CampaignSpecWriter.ToJson(spec), StringComparison.Ordinal);
    }

    [Fact]
    public void A_warm_block_is_read_with_its_settings_and_round_trips_through_the_writer()
    {
        var spec = Read(new JsonObject
        {
            ["gold_set"] = "gold.jsonl",
            ["gold_set_content"] = "{\"format\":\"coordinator.gold\"}\n",
            ["seeds"] = new JsonArray(3, 4, 5),
            ["concurrency"] = 2,
            ["call_timeout_seconds"] = 2.5,
            ["warmup"] = 0,
        }).Spec!;

        Assert.Equal(("gold.jsonl", 3, 2, TimeSpan.FromSeconds(2.5), 0), (spec.Warm!.GoldSet, spec.Warm.Seeds.Count, spec.Warm.Concurrency, spec.Warm.CallTimeout, spec.Warm.Warmup));
        var again = CampaignSpecReader.Read(CampaignSpecWriter.ToJson(spec), Regions).Spec!;
        Assert.Equal(CampaignSpecWriter.Fingerprint(spec), CampaignSpecWriter.Fingerprint(again));
        Assert.NotEqual(CampaignSpecWriter.Fingerprint(spec), CampaignSpecWriter.Fingerprint(spec with { Warm = spec.Warm with { GoldSetContent = "other" } }));
    }

    [Fact]
    public void Bad_warm_settings_are_named_field_by_field()
    {
        var result = Read(new JsonObject
        {
            ["gold_set"] = "gold.jsonl",
            ["seeds"] = new JsonArray(1),
            ["concurrency"] = 0,
            ["call_timeout_seconds"] = 0.01,
            ["warmup"] = 9,
            ["gold_sets"] = "typo",
        });

        Assert.Null(result.Spec);
        var fields = result.Errors.Select(e => e.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "$.warm.gold_set_content", "$.warm.seeds", "$.warm.concurrency", "$.warm.call_timeout_seconds", "$.warm.warmup", "$.warm.gold_sets" }, fields);
        Assert.Contains(result.Errors, e => e.Field == "$.warm.gold_set_content" && e.Reason.Contains("gold.jsonl", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Field == "$.warm.seeds" && e.Reason.Contains("lambda_seeds", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gold_set_over_the_limit_is_refused_with_its_size()
    {
        var result = Read(new JsonObject { ["gold_set"] = "big", ["gold_set_content"] = new string('x', CampaignLimits.MaxGoldSetChars + 1) });

        var error = Assert.Single(result.Errors, e => e.Field == "$.warm.gold_set_content");
        Assert.Contains($"{CampaignLimits.MaxGoldSetChars + 1} characters", error.Reason, StringComparison.Ordinal);
    }
}
