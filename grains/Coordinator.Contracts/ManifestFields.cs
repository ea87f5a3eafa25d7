using System.Collections.Immutable;
using Coordinator.Campaigns;

namespace Coordinator;

/// <summary>
/// One pinned field of an <see cref="ArmManifest"/>: its snake_case name (the JSON key in manifest
/// files and campaign specs, and the name in validation errors and diffs) and how to read it.
/// </summary>
/// <param name="Name">The snake_case key, e.g. "index_hash".</param>
/// <param name="Get">Reads the field from a manifest.</param>
public sealed record ManifestField(string Name, Func<ArmManifest, string> Get)
{
    /// <summary>
    /// The key in <see cref="ArmManifest.ToCanonicalString"/>. Usually <see cref="Name"/>; audit entries
    /// already hash "secrets" for the fingerprint, so that key cannot change.
    /// </summary>
    public string AuditKey { get; init; } = Name;

    /// <summary>Reads the field from <see cref="PinnedVersions"/>; null when telemetry is not pinned to it.</summary>
    public Func<PinnedVersions, string>? GetPinned { get; init; }
}

/// <summary>
/// The manifest's fields in their one canonical order, for every place that lists them (validation,
/// diffs, rendering, the manifest reader), so a new field is added here once.
/// </summary>
public static class ManifestFields
{
    /// <summary>INDEX_HASH: the retrieval index the arm serves from; caches and writer leases are namespaced by it.</summary>
    public const string IndexHash = "index_hash";

    /// <summary>EMBED_SCHEMA: the embedding model and schema the index was built with (e.g. "e5-large:v2").</summary>
    public const string EmbedSchema = "embed_schema";

    /// <summary>RERANK_CONF: the reranker and its settings (e.g. "bge-rerank@4").</summary>
    public const string RerankConf = "rerank_conf";

    /// <summary>PROMPT_VER: the prompt set the arm answers with.</summary>
    public const string PromptVer = "prompt_ver";

    /// <summary>MODEL_VER: the generation model the arm calls.</summary>
    public const string ModelVer = "model_ver";

    /// <summary>A hash of the arm's secrets ("sha256:" and 64 hex digits), never the secrets.</summary>
    public const string SecretsFingerprint = "secrets_fingerprint";

    /// <summary>CONSUMER_VER: the queue-consumer version that may consume for this arm (see consumer pointers).</summary>
    public const string ConsumerVer = "consumer_ver";

    /// <summary>The free-form labels map; not one of <see cref="All"/> (it is a map, not a version string).</summary>
    public const string Labels = "labels";

    /// <summary>The endpoints map (region to url and health_path); not one of <see cref="All"/> either.</summary>
    public const string Endpoints = "endpoints";

    /// <summary>Every pinned field, in manifest order.</summary>
    public static readonly ImmutableArray<ManifestField> All =
    [
        new(IndexHash, m => m.IndexHash) { GetPinned = v => v.IndexHash },
        new(EmbedSchema, m => m.EmbedSchema) { GetPinned = v => v.EmbedSchema },
        new(RerankConf, m => m.RerankConf) { GetPinned = v => v.RerankConf },
        new(PromptVer, m => m.PromptVer) { GetPinned = v => v.PromptVer },
        new(ModelVer, m => m.ModelVer) { GetPinned = v => v.ModelVer },
        new(SecretsFingerprint, m => m.SecretsFingerprint) { AuditKey = "secrets" },
        new(ConsumerVer, m => m.ConsumerVer),
    ];

    /// <summary>The version fields: every field but the secrets fingerprint, in manifest order.</summary>
    public static readonly ImmutableArray<ManifestField> Versions = [.. All.Where(f => f.Name != SecretsFingerprint)];

    /// <summary>The fields telemetry windows and smoke reports are pinned to (<see cref="PinnedVersions"/>).</summary>
    public static readonly ImmutableArray<ManifestField> Pinned = [.. All.Where(f => f.GetPinned is not null)];
}
