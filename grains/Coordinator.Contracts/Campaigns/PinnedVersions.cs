namespace Coordinator.Campaigns;

/// <summary>
/// The version fields every telemetry window and smoke report is pinned to, so a measurement is
/// always attributable to exactly one build of an arm.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.PinnedVersions")]
public sealed record PinnedVersions
{
    [Id(0)] public required string IndexHash { get; init; }
    [Id(1)] public required string EmbedSchema { get; init; }
    [Id(2)] public required string RerankConf { get; init; }
    [Id(3)] public required string PromptVer { get; init; }
    [Id(4)] public required string ModelVer { get; init; }

    public static PinnedVersions Of(ArmManifest manifest) => new()
    {
        IndexHash = manifest.IndexHash,
        EmbedSchema = manifest.EmbedSchema,
        RerankConf = manifest.RerankConf,
        PromptVer = manifest.PromptVer,
        ModelVer = manifest.ModelVer,
    };
}
