using System.Collections.Immutable;

namespace Coordinator.Benchmarks.Cluster;

/// <summary>Regions with both arms registered, as a cutover finds them.</summary>
internal static class Seed
{
    /// <summary>
    /// The service every benchmark region belongs to, unique per run: Azure blob grain storage names
    /// blobs by grain id alone, so a fixed name would make a run read regions an earlier run left in
    /// the same Azurite.
    /// </summary>
    public static string Service { get; private set; } = "bench";

    public static void ForRun(string runId) => Service = $"bench-{runId}";
    public const string Operator = "bench-operator";

    private static readonly ArmManifest Blue = Manifest(Arm.Blue);
    private static readonly ArmManifest Green = Manifest(Arm.Green);

    public static ArmManifest Manifest(Arm arm)
    {
        var name = arm.ToWire();
        return new ArmManifest
        {
            IndexHash = $"idx-{name}-2026.11.26-8f3a",
            EmbedSchema = "embed-v3",
            RerankConf = "rerank-v2.1",
            PromptVer = arm == Arm.Blue ? "prompt-41" : "prompt-42",
            ModelVer = arm == Arm.Blue ? "model-2026-09" : "model-2026-11",
            SecretsFingerprint = "sha256:" + new string(arm == Arm.Blue ? 'b' : 'c', 64),
            ConsumerVer = $"consumer-{name}-7",
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
            {
                ["team"] = "search",
                ["tier"] = "gold",
                ["rollout"] = "bench",
            }),
        };
    }

    public static ISwitchoverGrain Pointer(IClusterClient client, string region) =>
        client.GetGrain<ISwitchoverGrain>(RegionKey.Format(Service, region));

    /// <summary>Registers both arms in every region (idempotent) and returns each region's view.</summary>
    public static async Task<ActiveArmView[]> RegisterAsync(IClusterClient client, IEnumerable<string> regions) =>
        await Task.WhenAll(regions.Select(region => RegisterAsync(client, Service, region)));

    /// <summary>Registers Blue, then Green, in one region of <paramref name="service"/> (idempotent) and returns its view.</summary>
    public static async Task<ActiveArmView> RegisterAsync(IClusterClient client, string service, string region)
    {
        var pointer = client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));
        await pointer.RegisterArmAsync(Arm.Blue, Blue, Operator);
        var registered = await pointer.RegisterArmAsync(Arm.Green, Green, Operator);
        return registered.View;
    }

    public static string[] Regions(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D3}").ToArray();
}
