namespace Coordinator.IntegrationTests.Infrastructure;

/// <summary>Valid manifests and requests to drive a region with.</summary>
public static class Samples
{
    public const string Operator = "it-operator";

    public static ArmManifest Manifest(string indexHash) => new()
    {
        IndexHash = indexHash,
        EmbedSchema = "emb-v3",
        RerankConf = "rerank-2025.11",
        PromptVer = "prompt-14",
        ModelVer = "model-2.1",
        SecretsFingerprint = "sha256:" + new string('a', 64),
        ConsumerVer = "consumer-7",
    };

    public static ArmManifest Blue { get; } = Manifest("idx-blue-0001");

    public static ArmManifest Green { get; } = Manifest("idx-green-0002");

    public static FlipRequest Flip(Arm to, long expectedEpoch, string reason = "integration test") => new()
    {
        Target = to,
        ExpectedEpoch = expectedEpoch,
        Operator = Operator,
        Reason = reason,
        IdempotencyKey = Guid.NewGuid().ToString("N"),
    };

    /// <summary>Registers both arms (Blue active at epoch 0), as an operator would before a cutover.</summary>
    public static async Task RegisterBothAsync(ISwitchoverGrain region)
    {
        await region.RegisterArmAsync(Arm.Blue, Blue, Operator);
        await region.RegisterArmAsync(Arm.Green, Green, Operator);
    }

    /// <summary>Flips back and forth from epoch 0 until the pointer stands at <paramref name="epoch"/> (odd: Green).</summary>
    public static async Task FlipToEpochAsync(ISwitchoverGrain region, long epoch)
    {
        for (var e = 0L; e < epoch; e++)
        {
            await region.FlipAsync(Flip(e % 2 == 0 ? Arm.Green : Arm.Blue, expectedEpoch: e));
        }
    }
}
