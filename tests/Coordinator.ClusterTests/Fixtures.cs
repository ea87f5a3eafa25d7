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

    /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes, then fails saying what was expected.</summary>
    public static async Task WaitUntil(Func<bool> condition, string expected, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"timed out waiting for: {expected}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Like <see cref="WaitUntil"/> for a condition that needs a call to check.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string expected, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"timed out waiting for: {expected}");
            }

            await Task.Delay(10);
        }
    }
}
