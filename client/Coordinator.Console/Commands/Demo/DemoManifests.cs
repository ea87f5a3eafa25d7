using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace Coordinator.Console.Commands.Demo;

/// <summary>
/// Plausible manifests for the demo: Blue is what runs today, Green a rebuilt index with a newer
/// model and prompt. Hashes are SHA-256 of descriptive text, so they look and behave like real ones.
/// </summary>
public static class DemoManifests
{
    public static ArmManifest For(string service, string region, Arm arm)
    {
        var green = arm == Arm.Green;
        return new ArmManifest
        {
            IndexHash = "idx-" + Sha256Hex($"{service}/{region}/vector-index/{(green ? "2026-11-rebuild" : "2026-08-build")}")[..16],
            EmbedSchema = green ? "emb-v4-1024" : "emb-v3-768",
            RerankConf = green ? "rerank-ce-2026.11" : "rerank-ce-2026.06",
            PromptVer = green ? "prompt-2026.11.2" : "prompt-2026.09.0",
            ModelVer = green ? "llm-8b-2026.11" : "llm-8b-2026.07",
            SecretsFingerprint = "sha256:" + Sha256Hex($"{service}/{region}/{arm.ToWire()}/secret-bundle-v7"),
            ConsumerVer = green ? "cv-42" : "cv-41",
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
            {
                ["owner"] = "search-platform",
                ["change"] = green ? "chg-2026-1142" : "chg-2026-0871",
            }),
        };
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
