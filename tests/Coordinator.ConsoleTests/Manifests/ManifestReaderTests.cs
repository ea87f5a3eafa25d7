using Coordinator.Console.Manifests;
using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Manifests;

public sealed class ManifestReaderTests
{
    [Fact]
    public void A_valid_manifest_keeps_every_field_and_label()
    {
        var errors = new List<FieldError>();

        var manifest = ManifestReader.Parse(TestManifests.Json(TestManifests.Green), errors);

        Assert.Empty(errors);
        Assert.NotNull(manifest);
        Assert.Equal("idx-green-0002", manifest.IndexHash);
        Assert.Equal("emb-v3", manifest.EmbedSchema);
        Assert.Equal("rerank-1", manifest.RerankConf);
        Assert.Equal("prompt-11.2", manifest.PromptVer);
        Assert.Equal("llm-2026.11", manifest.ModelVer);
        Assert.Equal(TestManifests.Fingerprint, manifest.SecretsFingerprint);
        Assert.Equal("cv-1", manifest.ConsumerVer);
        Assert.Equal("search", manifest.Labels["owner"]);
    }

    [Fact]
    public void A_repeated_key_is_refused()
    {
        var errors = new List<FieldError>();

        var manifest = ManifestReader.Parse("{\"index_hash\": \"a\", \"index_hash\": \"b\"}", errors);

        Assert.Null(manifest);
        Assert.Contains(errors, e => e.Field == "manifest" && e.Reason.Contains("index_hash", StringComparison.Ordinal));
    }

    [Fact]
    public void Label_values_must_be_strings_and_each_bad_one_is_named()
    {
        var errors = new List<FieldError>();
        var json = TestManifests.Json(TestManifests.Blue.With("labels", new Dictionary<string, object> { ["tier"] = 1, ["owner"] = "search", ["ok"] = true }));

        var manifest = ManifestReader.Parse(json, errors);

        Assert.Null(manifest);
        Assert.Equal(["labels.ok", "labels.tier"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Keys_are_case_sensitive()
    {
        var errors = new List<FieldError>();
        var json = TestManifests.Json(TestManifests.Blue.Without("model_ver").With("MODEL_VER", "llm-1"));

        ManifestReader.Parse(json, errors);

        Assert.Contains(errors, e => e.Field == "MODEL_VER");
        Assert.Contains(errors, e => e.Field == "model_ver" && e.Reason == "is required");
    }
}
