using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using static Coordinator.Core.Tests.Campaigns.CampaignSamples;

namespace Coordinator.Core.Tests.Campaigns;

/// <summary>A spec's target manifest may carry endpoints: read, checked, written back, fingerprinted.</summary>
public sealed class CampaignSpecEndpointTests
{
    private static JsonObject WithEndpoints(JsonObject endpoints)
    {
        var root = JsonNode.Parse(MinimalJson)!.AsObject();
        root["target"]!["endpoints"] = endpoints;
        return root;
    }

    [Fact]
    public void Endpoints_are_read_and_written_back_the_same()
    {
        var root = WithEndpoints(new JsonObject
        {
            ["us-east"] = new JsonObject { ["url"] = "https://green.us-east.example.com" },
            ["eu-west"] = new JsonObject { ["url"] = "http://127.0.0.1:5101", ["health_path"] = "/healthz" },
        });

        var spec = CampaignSpecReader.Read(root.ToJsonString(), Regions).Spec!;
        var back = CampaignSpecReader.Read(CampaignSpecWriter.ToJson(spec), Regions);

        Assert.Equal(new ArmEndpoint("http://127.0.0.1:5101", "/healthz"), spec.Target.Endpoints["eu-west"]);
        Assert.Equal(new ArmEndpoint("https://green.us-east.example.com"), spec.Target.Endpoints["us-east"]);
        Assert.Empty(back.Errors);
        Assert.Equal(spec.Target, back.Spec!.Target);
        Assert.Equal(CampaignSpecWriter.Fingerprint(spec), CampaignSpecWriter.Fingerprint(back.Spec));
        var written = CampaignSpecWriter.ToJson(spec, indented: false);
        Assert.True(written.IndexOf("\"eu-west\"", StringComparison.Ordinal) < written.IndexOf("\"us-east\"", StringComparison.Ordinal), "regions are written in ordinal order");
    }

    [Fact]
    public void A_target_without_endpoints_writes_none_so_older_fingerprints_hold_and_adding_one_changes_it()
    {
        var spec = CampaignSpecReader.Read(MinimalJson, Regions).Spec!;
        var routed = spec with
        {
            Target = spec.Target with { Endpoints = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("eu-west", new ArmEndpoint("http://127.0.0.1:5101"))]) },
        };

        Assert.DoesNotContain("endpoints", CampaignSpecWriter.ToJson(spec), StringComparison.Ordinal);
        Assert.NotEqual(CampaignSpecWriter.Fingerprint(spec), CampaignSpecWriter.Fingerprint(routed));
    }

    [Fact]
    public void Unknown_keys_wrong_types_and_bad_values_inside_endpoints_are_each_reported_once_by_path()
    {
        var root = WithEndpoints(new JsonObject
        {
            ["eu-west"] = new JsonObject { ["url"] = 5, ["timeout"] = 3 },
            ["us-east"] = new JsonObject { ["url"] = "ftp://x.example.com", ["health_path"] = "healthz" },
            ["us-west"] = "http://127.0.0.1:5301",
            ["Bad_Region"] = new JsonObject { ["url"] = "http://127.0.0.1:5401" },
            ["ap-south"] = new JsonObject { ["url"] = "http://u:p4ss@127.0.0.1:5501" },
        });

        var result = CampaignSpecReader.Read(root.ToJsonString(), Regions);

        Assert.Null(result.Spec);
        Assert.Equal(
            [
                "$.target.endpoints.Bad_Region", "$.target.endpoints['ap-south'].url", "$.target.endpoints['eu-west'].timeout",
                "$.target.endpoints['eu-west'].url", "$.target.endpoints['us-east'].health_path", "$.target.endpoints['us-east'].url",
                "$.target.endpoints['us-west']",
            ],
            result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, e => Assert.DoesNotContain("p4ss", e.Reason, StringComparison.Ordinal));
    }
}
