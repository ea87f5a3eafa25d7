using System.Text.Json.Nodes;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using static Coordinator.Core.Tests.Campaigns.CampaignSamples;

namespace Coordinator.Core.Tests.Campaigns;

public sealed class CampaignSpecReaderTests
{
    private static JsonObject Minimal() => JsonNode.Parse(MinimalJson)!.AsObject();

    private static CampaignSpecReadResult Read(JsonNode node, IReadOnlySet<string>? regions = null) =>
        CampaignSpecReader.Read(node.ToJsonString(), regions ?? Regions);

    private static FieldError Single(CampaignSpecReadResult result, string field)
    {
        Assert.Null(result.Spec);
        return Assert.Single(result.Errors, e => e.Field == field);
    }

    [Theory]
    [InlineData("infra/campaigns/example.json")]
    [InlineData("infra/campaigns/demo.json")]
    public void The_shipped_specs_are_valid_three_wave_campaigns_with_a_single_region_canary_first(string file)
    {
        var result = CampaignSpecReader.Read(WithGoldSetInline(RepoFile(file)), Regions);

        Assert.Empty(result.Errors);
        var spec = result.Spec!;
        Assert.Equal(3, spec.Waves.Count);
        Assert.Single(spec.Waves[0].Regions);
        Assert.Equal("canary", spec.Waves[0].Name);
    }

    [Fact]
    public void The_example_spans_five_regions_and_the_demo_holds_for_seconds()
    {
        var example = CampaignSpecReader.ReadFile(RepoFile("infra/campaigns/example.json"), Regions).Spec!;
        var demo = CampaignSpecReader.Read(WithGoldSetInline(RepoFile("infra/campaigns/demo.json")), Regions).Spec!;

        Assert.Equal(5, example.Waves.Sum(w => w.Regions.Count));
        Assert.All(demo.Waves, w => Assert.InRange(demo.HoldOf(w), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)));

        // The demo's Warm Green is measured by the coordinator on a gold subset small enough for seconds, which the gate must accept.
        Assert.NotNull(demo.Warm);
        var items = demo.Warm.GoldSetContent.Split('\n').Count(l => l.Trim().Length > 0) - 1;   // less the header line
        Assert.InRange(demo.Gate.MinSmokeItems, 1, items);
    }

    /// <summary>
    /// A spec's text with the gold set its <c>warm.gold_set</c> names (a path beside the spec) carried inline, as the
    /// console sends it: Core reads specs, the console reads the operator's files.
    /// </summary>
    private static string WithGoldSetInline(string specPath)
    {
        var root = JsonNode.Parse(File.ReadAllText(specPath))!.AsObject();
        if (root["warm"] is JsonObject warm && warm["gold_set"]?.GetValue<string>() is { } gold)
        {
            warm["gold_set_content"] = File.ReadAllText(Path.Combine(Path.GetDirectoryName(specPath)!, gold));
        }

        return root.ToJsonString();
    }

    [Fact]
    public void Left_out_values_take_the_seeds_defaults()
    {
        var spec = CampaignSpecReader.Read(MinimalJson, Regions).Spec!;

        Assert.Equal(TimeSpan.FromMinutes(15), spec.Hold);
        Assert.Equal(TimeSpan.FromMinutes(10), spec.SmokeDeadline);
        Assert.Null(spec.Waves[1].Hold);
        Assert.Equal(
            (0.45, 3, 0.70, 2, 0.0, 0.15, 0.005, 20, 200L, 50L),
            (spec.Gate.MaxDeltaS, spec.Gate.Paraphrases, spec.Gate.MinCoverage, spec.Gate.LambdaSeeds, spec.Gate.MaxLambdaFlipIncrease,
             spec.Gate.MaxP95LatencyIncrease, spec.Gate.MaxErrorRate, spec.Gate.MinSmokeItems, spec.Gate.MinWindowRequests, spec.Gate.MinQualitySamples));
        Assert.Equal(
            (0.15, 0.60, 0.20, 0.01, 0L),
            (spec.StopRules.MaxDeltaSP95Drift, spec.StopRules.MinCoverage, spec.StopRules.MaxLambdaFlipRate, spec.StopRules.Max5xxRate, spec.StopRules.MaxToolLoopSignals));
        Assert.Equal((ApprovalMode.Automatic, false), (spec.Approval.Mode, spec.Approval.RequireDistinctApprover));
        Assert.Null(spec.Fences.Writers);
    }

    [Fact]
    public void Every_override_is_read()
    {
        var root = Minimal();
        root["hold_seconds"] = 2.5;
        root["smoke_deadline_seconds"] = 90;
        root["consumer_drain_seconds"] = 45;
        root["approval"] = new JsonObject { ["mode"] = "manual", ["require_distinct_approver"] = true };
        root["fences"] = new JsonObject { ["writers"] = new JsonArray("indexer"), ["consumer_groups"] = new JsonArray("webhooks") };
        root["gate"] = new JsonObject
        {
            ["max_delta_s"] = 0.4, ["paraphrases"] = 4, ["min_coverage"] = 0.75, ["lambda_seeds"] = 3, ["min_smoke_lambda_convergence"] = 0.9,
            ["max_lambda_flip_increase"] = 0.02, ["max_p95_latency_increase"] = 0.1, ["max_error_rate"] = 0.01, ["min_smoke_items"] = 30,
            ["min_window_requests"] = 500, ["min_quality_samples"] = 80, ["smoke_max_p95_latency_ms"] = 900,
        };
        root["stop_rules"] = new JsonObject
        {
            ["max_delta_s_p95_drift"] = 0.1, ["min_coverage"] = 0.5, ["max_lambda_flip_rate"] = 0.3, ["max_5xx_rate"] = 0.02, ["max_tool_loop_signals"] = 3,
        };
        var wave = root["waves"]![2]!.AsObject();
        wave["hold_seconds"] = 0;
        wave["fences"] = new JsonObject { ["writers"] = new JsonArray() };
        wave["region_fences"] = new JsonObject { ["eu-north"] = new JsonObject { ["consumer_groups"] = new JsonArray("etl") } };

        var result = Read(root);

        Assert.Empty(result.Errors);
        var spec = result.Spec!;
        Assert.Equal((TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(45)), (spec.Hold, spec.SmokeDeadline, spec.ConsumerDrainTimeout));
        Assert.Equal((ApprovalMode.Manual, true), (spec.Approval.Mode, spec.Approval.RequireDistinctApprover));
        Assert.Equal(["indexer"], spec.Fences.Writers!);
        Assert.Equal(
            new GateThresholds
            {
                MaxDeltaS = 0.4, Paraphrases = 4, MinCoverage = 0.75, LambdaSeeds = 3, MinSmokeLambdaConvergence = 0.9, MaxLambdaFlipIncrease = 0.02,
                MaxP95LatencyIncrease = 0.1, MaxErrorRate = 0.01, MinSmokeItems = 30, MinWindowRequests = 500, MinQualitySamples = 80, SmokeMaxP95LatencyMs = 900,
            },
            spec.Gate);
        Assert.Equal(new StopRules { MaxDeltaSP95Drift = 0.1, MinCoverage = 0.5, MaxLambdaFlipRate = 0.3, Max5xxRate = 0.02, MaxToolLoopSignals = 3 }, spec.StopRules);
        Assert.Equal(TimeSpan.Zero, spec.Waves[2].Hold);
        Assert.Empty(spec.Waves[2].Fences!.Writers!);
        Assert.Equal(["etl"], spec.Waves[2].RegionFences["eu-north"].ConsumerGroups!);
    }

    [Fact]
    public void Unknown_keys_are_reported_at_every_level_with_their_paths_all_at_once()
    {
        var root = Minimal();
        root["colour"] = "green";
        root["target"]!["index"] = "x";
        root["waves"]![1]!["regoins"] = new JsonArray("us-east");
        root["gate"] = new JsonObject { ["max_delta"] = 0.4 };
        root["approval"] = new JsonObject { ["mode"] = "manual", ["two_person"] = true };
        root["waves"]![0]!["region_fences"] = new JsonObject { ["eu-west"] = new JsonObject { ["leases"] = new JsonArray() } };

        var result = Read(root);

        Assert.Null(result.Spec);
        Assert.Equal(
            ["$.approval.two_person", "$.colour", "$.gate.max_delta", "$.target.index", "$.waves[0].region_fences['eu-west'].leases", "$.waves[1].regoins"],
            Fields(result.Errors).Order(StringComparer.Ordinal));
        Assert.Contains("max_delta_s", Single(result, "$.gate.max_delta").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_of_the_wrong_type_are_reported_with_their_paths_once_each()
    {
        var root = Minimal();
        root["service"] = 5;
        root["hold_seconds"] = "15m";
        root["gate"] = new JsonObject { ["paraphrases"] = 2.5, ["max_delta_s"] = true };
        root["approval"] = new JsonObject { ["require_distinct_approver"] = "yes" };
        root["waves"]![1]!["regions"] = new JsonArray(5, "us-west");
        root["waves"]![2] = "ap-south";
        root["fences"] = new JsonArray("indexer");
        root["reason"] = null;

        var result = Read(root);

        Assert.Null(result.Spec);
        Assert.Equal(
            ["$.approval.require_distinct_approver", "$.fences", "$.gate.max_delta_s", "$.gate.paraphrases", "$.hold_seconds", "$.reason", "$.service",
             "$.waves[1].regions[0]", "$.waves[2]"],
            Fields(result.Errors).Order(StringComparer.Ordinal));
        Assert.Equal("must be a string (got 5)", Single(result, "$.service").Reason);
        Assert.Equal("must be a number (got a string)", Single(result, "$.hold_seconds").Reason);
        Assert.Equal("must be a whole number (got 2.5)", Single(result, "$.gate.paraphrases").Reason);
        Assert.Equal("must be an object (got a string)", Single(result, "$.waves[2]").Reason);
        Assert.StartsWith("must be a string, not null", Single(result, "$.reason").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_errors_and_validation_errors_are_reported_together()
    {
        var root = Minimal();
        root["hold_seconds"] = "long";
        root["waves"]![1]!["regions"] = new JsonArray(5, "mars-1");
        root["target"]!.AsObject().Remove("model_ver");

        var result = Read(root);

        // A bad array item keeps its place, so the items after it keep their paths.
        Assert.Equal(
            ["$.hold_seconds", "$.target.model_ver", "$.waves[1].regions[0]", "$.waves[1].regions[1]"],
            Fields(result.Errors).Order(StringComparer.Ordinal));
        Assert.Contains("'mars-1' is not a registered region", Single(result, "$.waves[1].regions[1]").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_version_is_refused_alone_and_a_missing_version_is_reported()
    {
        var v2 = Minimal();
        v2["version"] = 2;
        v2["colour"] = "green";
        var refused = Single(Read(v2), "$.version");
        Assert.Contains("version 2 is not supported", refused.Reason, StringComparison.Ordinal);
        Assert.Single(Read(v2).Errors);

        var none = Minimal();
        none.Remove("version");
        Assert.Contains("is required", Single(Read(none), "$.version").Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"version\": 1, ", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{ \"version\": 1, \"version\": 1 }", "not valid JSON")]
    public void A_document_that_is_not_a_json_object_is_reported_at_the_root(string json, string expected)
    {
        var error = Assert.Single(CampaignSpecReader.Read(json, Regions).Errors);
        Assert.Equal("$", error.Field);
        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_target_is_one_error_not_one_per_field()
    {
        var root = Minimal();
        root.Remove("target");

        var result = Read(root);

        Assert.Equal(["$.target"], Fields(result.Errors));
    }

    [Fact]
    public void An_unknown_approval_mode_and_an_unrepresentable_hold_are_reported_with_their_range()
    {
        var root = Minimal();
        root["approval"] = new JsonObject { ["mode"] = "sometimes" };
        root["waves"]![0]!["hold_seconds"] = 1e12;
        root["gate"] = new JsonObject { ["min_smoke_items"] = 5_000_000_000L };
        root["consumer_drain_seconds"] = 0.5;

        var result = Read(root);

        Assert.Equal("must be 'automatic' or 'manual' (got 'sometimes')", Single(result, "$.approval.mode").Reason);
        Assert.Equal("must be between 0 and 86400 seconds (got 1000000000000)", Single(result, "$.waves[0].hold_seconds").Reason);
        Assert.Equal("must be between 1 and 1000 (got 5000000000)", Single(result, "$.gate.min_smoke_items").Reason);
        Assert.Equal("must be between 1 and 1800 seconds (got 0.5)", Single(result, "$.consumer_drain_seconds").Reason);
    }

    [Fact]
    public void Regions_are_checked_against_the_registered_ones_only_when_those_are_given()
    {
        var root = Minimal();
        root["waves"]![0]!["regions"] = new JsonArray("mars-1");

        Assert.True(CampaignSpecReader.Read(root.ToJsonString()).IsValid);
        Assert.Contains("not a registered region", Single(Read(root), "$.waves[0].regions[0]").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_error_not_an_exception()
    {
        var error = Assert.Single(CampaignSpecReader.ReadFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json")).Errors);
        Assert.Equal("$", error.Field);
        Assert.Contains("not found", error.Reason, StringComparison.Ordinal);
    }
}
