using System.Security.Cryptography;
using System.Text;

namespace Coordinator.ClusterTests;

internal static class Fixtures
{
    public const string Service = "rag-api";

    public static string NewRegion() => "r-" + Guid.NewGuid().ToString("N")[..10];

    public static ArmManifest Manifest(string index) => new()
    {
        IndexHash = index,
        EmbedSchema = "e5-large:v2",
        RerankConf = "bge-rerank@3",
        PromptVer = "prompt-12",
        ModelVer = "model-2026-10",
        SecretsFingerprint = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(index))),
        ConsumerVer = "consumer-" + index,
    };

    public static async Task<ISwitchoverGrain> RegisteredRegion(IGrainFactory grains, string region)
    {
        var grain = grains.GetGrain<ISwitchoverGrain>(RegionKey.Format(Service, region));
        await grain.RegisterArmAsync(Arm.Blue, Manifest("idx-blue"), "alice");
        await grain.RegisterArmAsync(Arm.Green, Manifest("idx-green"), "alice");
        return grain;
    }

    public static FlipRequest Flip(Arm to, long expected, string? key = null) => new()
    {
        Target = to,
        ExpectedEpoch = expected,
        Operator = "alice",
        Reason = "test cutover",
        IdempotencyKey = key ?? Guid.NewGuid().ToString("N"),
    };
}
