using System.Security.Cryptography;
using System.Text;

namespace Coordinator.Core.Tests;

internal static class Samples
{
    public static string Sha(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static ArmManifest Manifest(string index = "idx-a1") => new()
    {
        IndexHash = index,
        EmbedSchema = "e5-large:v2",
        RerankConf = "bge-rerank@3",
        PromptVer = "prompt-12",
        ModelVer = "gpt-x-2026-10",
        SecretsFingerprint = Sha("secrets-" + index),
        ConsumerVer = "consumer-7",
    };
}
