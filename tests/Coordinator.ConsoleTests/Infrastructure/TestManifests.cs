using System.Text.Json;

namespace Coordinator.ConsoleTests.Infrastructure;

/// <summary>Manifest JSON for tests: a valid one per arm, and ways to break it.</summary>
public static class TestManifests
{
    public const string Fingerprint = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public static Dictionary<string, object?> Valid(string indexHash, string modelVer, string promptVer) => new()
    {
        ["index_hash"] = indexHash,
        ["embed_schema"] = "emb-v3",
        ["rerank_conf"] = "rerank-1",
        ["prompt_ver"] = promptVer,
        ["model_ver"] = modelVer,
        ["secrets_fingerprint"] = Fingerprint,
        ["consumer_ver"] = "cv-1",
        ["labels"] = new Dictionary<string, string> { ["owner"] = "search" },
    };

    public static Dictionary<string, object?> Blue => Valid("idx-blue-0001", "llm-2026.07", "prompt-9.0");

    public static Dictionary<string, object?> Green => Valid("idx-green-0002", "llm-2026.11", "prompt-11.2");

    public static string Json(Dictionary<string, object?> fields) => JsonSerializer.Serialize(fields);

    /// <summary>A copy of <paramref name="fields"/> with <paramref name="remove"/> taken out.</summary>
    public static Dictionary<string, object?> Without(this Dictionary<string, object?> fields, params string[] remove) =>
        fields.Where(kv => !remove.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

    public static Dictionary<string, object?> With(this Dictionary<string, object?> fields, string key, object? value) =>
        new(fields) { [key] = value };
}
