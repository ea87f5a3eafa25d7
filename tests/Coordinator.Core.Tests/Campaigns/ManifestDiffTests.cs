using System.Collections.Immutable;
using Coordinator.Campaigns;

namespace Coordinator.Core.Tests.Campaigns;

public sealed class ManifestDiffTests
{
    private static readonly ArmManifest Expected = Samples.Manifest("idx-green");

    [Fact]
    public void Equal_manifests_have_no_differences()
    {
        Assert.Empty(ManifestDiff.Compare(Expected, Samples.Manifest("idx-green")));
        Assert.Equal("no differences", ManifestDiff.Describe([]));
    }

    [Fact]
    public void Every_differing_field_is_listed_in_manifest_order_with_both_values()
    {
        var actual = Expected with
        {
            ConsumerVer = "consumer-6",
            IndexHash = "idx-blue",
            EmbedSchema = "e5-base:v1",
            RerankConf = "bge-rerank@2",
            PromptVer = "prompt-11",
            ModelVer = "gpt-x-2026-09",
            SecretsFingerprint = Samples.Sha("other"),
        };

        var differences = ManifestDiff.Compare(Expected, actual);

        Assert.Equal(
            ["index_hash", "embed_schema", "rerank_conf", "prompt_ver", "model_ver", "secrets_fingerprint", "consumer_ver"],
            differences.Select(d => d.Field));
        Assert.Equal(new ManifestFieldDifference("index_hash", "idx-green", "idx-blue"), differences[0]);
        Assert.Equal(new ManifestFieldDifference("consumer_ver", "consumer-7", "consumer-6"), differences[^1]);
    }

    [Fact]
    public void A_single_difference_is_described_in_words()
    {
        var differences = ManifestDiff.Compare(Expected, Expected with { ModelVer = "gpt-y" });

        Assert.Equal("model_ver: expected 'gpt-x-2026-10', found 'gpt-y'", ManifestDiff.Describe(differences));
    }

    [Fact]
    public void An_unregistered_manifest_differs_in_every_field()
    {
        var differences = ManifestDiff.Compare(Expected, null);

        Assert.Equal(7, differences.Count);
        Assert.All(differences, d => Assert.Null(d.Actual));
    }

    [Fact]
    public void Labels_are_compared_only_when_asked()
    {
        var labelled = Expected with { Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("team", "search")]) };
        var relabelled = Expected with
        {
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("team", "ranking"), KeyValuePair.Create("built-by", "ci")]),
        };

        Assert.Empty(ManifestDiff.Compare(labelled, relabelled));
        Assert.Equal(
            [new ManifestFieldDifference("labels.built-by", null, "ci"), new ManifestFieldDifference("labels.team", "search", "ranking")],
            ManifestDiff.Compare(labelled, relabelled, includeLabels: true));
    }

    [Fact]
    public void Endpoints_added_removed_or_changed_are_differences_only_when_asked()
    {
        var before = Expected with
        {
            Endpoints = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
                KeyValuePair.Create("eu-west", new ArmEndpoint("http://127.0.0.1:5101", "/healthz")),
                KeyValuePair.Create("us-east", new ArmEndpoint("http://127.0.0.1:5201")),
                KeyValuePair.Create("us-west", new ArmEndpoint("http://127.0.0.1:5301")),
            ]),
        };
        var after = before with
        {
            Endpoints = before.Endpoints
                .SetItem("eu-west", new ArmEndpoint("http://127.0.0.1:5101"))
                .Remove("us-east")
                .Add("ap-south", new ArmEndpoint("https://ap.example.com", "/ready")),
        };

        Assert.Empty(ManifestDiff.Compare(before, after));
        Assert.Empty(ManifestDiff.Compare(before, before with { }, includeEndpoints: true));
        Assert.Equal(
            [
                new ManifestFieldDifference("endpoints.ap-south", null, "https://ap.example.com (health /ready)"),
                new ManifestFieldDifference("endpoints.eu-west", "http://127.0.0.1:5101 (health /healthz)", "http://127.0.0.1:5101"),
                new ManifestFieldDifference("endpoints.us-east", "http://127.0.0.1:5201", null),
            ],
            ManifestDiff.Compare(before, after, includeEndpoints: true));
        Assert.Equal(3, ManifestDiff.Compare(before, null, includeEndpoints: true).Count(d => d.Field.StartsWith("endpoints.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Pinned_versions_are_compared_field_by_field()
    {
        var expected = PinnedVersions.Of(Expected);

        Assert.Empty(ManifestDiff.Compare(expected, PinnedVersions.Of(Expected with { ConsumerVer = "not-pinned" })));
        Assert.Equal(["rerank_conf"], ManifestDiff.Compare(expected, expected with { RerankConf = "x" }).Select(d => d.Field));
        Assert.Equal(5, ManifestDiff.Compare(expected, null).Count);
    }
}
