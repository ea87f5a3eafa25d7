using System.Collections.Immutable;
using Coordinator.Domain;

namespace Coordinator.Core.Tests.Domain;

public sealed class ManifestValidatorTests
{
    [Fact]
    public void A_complete_manifest_has_no_errors() =>
        Assert.Empty(ManifestValidator.Validate(Samples.Manifest()));

    [Fact]
    public void Every_missing_field_is_reported_at_once_by_name()
    {
        var empty = new ArmManifest
        {
            IndexHash = "", EmbedSchema = " ", RerankConf = "", PromptVer = "", ModelVer = "", SecretsFingerprint = "", ConsumerVer = "",
        };

        var fields = ManifestValidator.Validate(empty).Select(e => e.Field).ToList();

        Assert.Equal(
            ["index_hash", "embed_schema", "rerank_conf", "prompt_ver", "model_ver", "consumer_ver", "secrets_fingerprint"],
            fields);
    }

    [Fact]
    public void A_null_manifest_is_reported()
    {
        var error = Assert.Single(ManifestValidator.Validate(null));
        Assert.Equal("manifest", error.Field);
    }

    [Theory]
    [InlineData("hunter2")]
    [InlineData("sha256:ABCDEF")]
    [InlineData("md5:0123456789abcdef0123456789abcdef")]
    public void A_fingerprint_that_is_not_a_sha256_hash_is_refused_without_echoing_it(string fingerprint)
    {
        var error = Assert.Single(ManifestValidator.Validate(Samples.Manifest() with { SecretsFingerprint = fingerprint }));
        Assert.Equal("secrets_fingerprint", error.Field);
        Assert.DoesNotContain(fingerprint, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Charset_and_length_are_checked()
    {
        var manifest = Samples.Manifest() with { ModelVer = "gpt x", PromptVer = new string('p', 129) };

        var errors = ManifestValidator.Validate(manifest);

        Assert.Contains(errors, e => e.Field == "model_ver" && e.Reason.Contains("letters", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "prompt_ver" && e.Reason.Contains("128", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Bad_label_keys_and_values_are_named()
    {
        var labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["team"] = "search",
            ["Bad Key"] = "x",
            ["note"] = "line\nbreak",
        });

        var errors = ManifestValidator.Validate(Samples.Manifest() with { Labels = labels });

        Assert.Equal(["labels.Bad Key", "labels.note"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Manifests_are_equal_field_by_field_including_labels()
    {
        var a = Samples.Manifest();
        var b = Samples.Manifest();
        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { ModelVer = "other" });
        Assert.NotEqual(a, b with { Labels = b.Labels.Add("k", "v") });
    }
}
