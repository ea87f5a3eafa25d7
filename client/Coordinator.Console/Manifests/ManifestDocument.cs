using System.Text.Json.Serialization;

namespace Coordinator.Console.Manifests;

/// <summary>
/// A manifest file as written by an operator: snake_case keys, every field optional here so that
/// missing ones can be reported together by <see cref="Domain.ManifestValidator"/>.
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

    [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; set; }
}

[JsonSerializable(typeof(ManifestDocument))]
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
