namespace Coordinator.Campaigns;

/// <summary>
/// The version fields every telemetry window and smoke report is pinned to, so a measurement is
/// always attributable to exactly one build of an arm.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.PinnedVersions")]
public sealed record PinnedVersions
{
    /// <summary>INDEX_HASH the samples were served from.</summary>
    [Id(0)] public required string IndexHash { get; init; }
    /// <summary>EMBED_SCHEMA the index was built with.</summary>
    [Id(1)] public required string EmbedSchema { get; init; }
    /// <summary>RERANK_CONF the reranker ran with.</summary>
    [Id(2)] public required string RerankConf { get; init; }
    /// <summary>PROMPT_VER the answers were generated with.</summary>
    [Id(3)] public required string PromptVer { get; init; }
    /// <summary>MODEL_VER the answers were generated with.</summary>
    [Id(4)] public required string ModelVer { get; init; }

    /// <summary>The pinned fields of <paramref name="manifest"/>: what telemetry from that arm should report.</summary>
    public static PinnedVersions Of(ArmManifest manifest) => new()
    {
        IndexHash = manifest.IndexHash,
        EmbedSchema = manifest.EmbedSchema,
        RerankConf = manifest.RerankConf,
        PromptVer = manifest.PromptVer,
        ModelVer = manifest.ModelVer,
    };
}
