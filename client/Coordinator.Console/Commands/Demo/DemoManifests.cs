using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Coordinator.Arms;

namespace Coordinator.Console.Commands.Demo;

/// <summary>
/// The demo's manifests, written from the real arms' builds: the index hash, rerank configuration and prompt
/// version are the build's own (<see cref="ArmBuildInfo"/>), the embed schema is its index recipe, and the
/// rest (model, secrets, consumer version, labels) are plausible values. Each carries the region's endpoint.
/// </summary>
public static class DemoManifests
{
    public const string HealthPath = "/healthz";

    /// <summary>Blue as it runs in a region: its build, at its endpoint there.</summary>
    public static ArmManifest Blue(string service, string region, ArmBuildInfo build, Uri endpoint) =>
        Versions(service, Arm.Blue, build) with { Endpoints = Endpoint(region, endpoint) };

    /// <summary>Green as the campaign's target names it (no endpoints): what demo.json's target must hold.</summary>
    public static ArmManifest GreenTarget(string service, ArmBuildInfo build) => Versions(service, Arm.Green, build);

    /// <summary>The campaign's target, at Green's endpoint in the region (Verify compares versions, not endpoints).</summary>
    public static ArmManifest Green(ArmManifest target, string region, Uri endpoint) => target with { Endpoints = Endpoint(region, endpoint) };

    /// <summary>A build's rerank configuration as a manifest version ("overlap-v1;retrieval=0.7" -> "overlap-v1/retrieval:0.7").</summary>
    public static string VersionText(string text) => text.Replace(';', '/').Replace('=', ':');

    private static ArmManifest Versions(string service, Arm arm, ArmBuildInfo build)
    {
        var green = arm == Arm.Green;
        return new ArmManifest
        {
            IndexHash = build.IndexHash,
            EmbedSchema = VersionText(build.IndexRecipe.Split(';')[0]),
            RerankConf = VersionText(build.RerankConf),
            PromptVer = build.PromptVer,
            ModelVer = green ? "llm-8b-2026.11" : "llm-8b-2026.07",
            SecretsFingerprint = "sha256:" + Sha256Hex($"{service}/{arm.ToWire()}/secret-bundle-v7"),
            ConsumerVer = green ? "cv-42" : "cv-41",
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
            {
                ["owner"] = "search-platform",
                ["change"] = green ? "chg-2026-1142" : "chg-2026-0871",
                ["corpus"] = build.CorpusVersion,
            }),
        };
    }

    private static ImmutableSortedDictionary<string, ArmEndpoint> Endpoint(string region, Uri url) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(region, new ArmEndpoint(url.ToString().TrimEnd('/'), HealthPath))]);

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
