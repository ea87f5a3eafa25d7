using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Coordinator.Domain;

/// <summary>
/// A manifest as written in JSON (a manifest file, a campaign spec's target): snake_case keys, every
/// field optional here so that missing ones are reported together by <see cref="ManifestValidator"/>.
/// </summary>
public sealed class ManifestDocument
{
    [JsonPropertyName(ManifestFields.IndexHash)] public string? IndexHash { get; set; }

    [JsonPropertyName(ManifestFields.EmbedSchema)] public string? EmbedSchema { get; set; }

    [JsonPropertyName(ManifestFields.RerankConf)] public string? RerankConf { get; set; }

    [JsonPropertyName(ManifestFields.PromptVer)] public string? PromptVer { get; set; }

    [JsonPropertyName(ManifestFields.ModelVer)] public string? ModelVer { get; set; }

    [JsonPropertyName(ManifestFields.SecretsFingerprint)] public string? SecretsFingerprint { get; set; }

    [JsonPropertyName(ManifestFields.ConsumerVer)] public string? ConsumerVer { get; set; }

    [JsonPropertyName(ManifestFields.Labels)] public SortedDictionary<string, string>? Labels { get; set; }

    /// <summary>Region name to endpoint. A plain dictionary: its keys compare ordinally, as region names do.</summary>
    [JsonPropertyName(ManifestFields.Endpoints)] public Dictionary<string, EndpointDocument>? Endpoints { get; set; }

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
        Endpoints = (Endpoints ?? []).ToImmutableSortedDictionary(
            kv => kv.Key,
            kv => new ArmEndpoint(kv.Value?.Url ?? string.Empty, kv.Value?.HealthPath),
            StringComparer.Ordinal),
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

        // Left out when empty so specs written before endpoints existed keep their fingerprints; in ordinal order.
        Endpoints = manifest.Endpoints.Count == 0
            ? null
            : manifest.Endpoints.ToDictionary(kv => kv.Key, kv => new EndpointDocument { Url = kv.Value.Url, HealthPath = kv.Value.HealthPath }, StringComparer.Ordinal),
    };
}
