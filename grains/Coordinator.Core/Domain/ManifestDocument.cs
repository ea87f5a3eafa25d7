using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Coordinator.Domain;

/// <summary>
/// A manifest as written in JSON (a manifest file, a campaign spec's target): snake_case keys, every
/// field optional here so that missing ones are reported together by <see cref="ManifestValidator"/>.
/// </summary>
public sealed class ManifestDocument
{
    [JsonPropertyName("index_hash")] public string? IndexHash { get; set; }

    [JsonPropertyName("embed_schema")] public string? EmbedSchema { get; set; }

    [JsonPropertyName("rerank_conf")] public string? RerankConf { get; set; }

    [JsonPropertyName("prompt_ver")] public string? PromptVer { get; set; }

    [JsonPropertyName("model_ver")] public string? ModelVer { get; set; }

    [JsonPropertyName("secrets_fingerprint")] public string? SecretsFingerprint { get; set; }

    [JsonPropertyName("consumer_ver")] public string? ConsumerVer { get; set; }

    [JsonPropertyName("labels")] public SortedDictionary<string, string>? Labels { get; set; }

    /// <summary>The manifest as written; a missing field becomes empty, for the validator to name.</summary>
    public ArmManifest ToManifest() => new()
    {
        IndexHash = IndexHash ?? string.Empty,
        EmbedSchema = EmbedSchema ?? string.Empty,
        RerankConf = RerankConf ?? string.Empty,
        PromptVer = PromptVer ?? string.Empty,
        ModelVer = ModelVer ?? string.Empty,
        SecretsFingerprint = SecretsFingerprint ?? string.Empty,
        ConsumerVer = ConsumerVer ?? string.Empty,
        Labels = (Labels ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal),
    };

    public static ManifestDocument From(ArmManifest manifest) => new()
    {
        IndexHash = manifest.IndexHash,
        EmbedSchema = manifest.EmbedSchema,
        RerankConf = manifest.RerankConf,
        PromptVer = manifest.PromptVer,
        ModelVer = manifest.ModelVer,
        SecretsFingerprint = manifest.SecretsFingerprint,
        ConsumerVer = manifest.ConsumerVer,
        Labels = manifest.Labels.Count == 0 ? null : new SortedDictionary<string, string>(manifest.Labels, StringComparer.Ordinal),
    };
}
