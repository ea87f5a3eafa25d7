using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Coordinator.Campaigns;

namespace Coordinator.Fleet;

/// <summary>The evaluator's smoke run: a fixed, seeded gold set run against Green's simulated behaviour.</summary>
public static class GoldSet
{
    /// <summary>Within the seed's 20-40 gold questions.</summary>
    public const int Items = 30;

    public const string Evaluator = "fleet-simulation-evaluator";

    /// <summary>
    /// The smoke report for Green in one region, pinned to Green's versions. The same inputs give the
    /// same report, so a degraded run fails the gate the same way every time.
    /// </summary>
    public static SmokeReport Run(
        string service, string region, ArmManifest green, SimulatedArm behaviour, GateThresholds gate, DateTimeOffset now, int seed = 0)
    {
        var random = new Random(StableSeed(service, region, "gold", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var items = Enumerable.Range(1, Items)
            .Select(i => behaviour.GoldItem(random, $"gold-{i:00}", gate.Paraphrases, gate.LambdaSeeds))
            .ToImmutableList();
        return new SmokeReport
        {
            Service = service,
            Region = region,
            Arm = Arm.Green,
            Versions = PinnedVersions.Of(green),
            SubmittedAt = now,
            Evaluator = Evaluator,
            Items = items,
        };
    }

    /// <summary>A seed from names that is the same in every process (string.GetHashCode is not).</summary>
    public static int StableSeed(params string[] parts) =>
        BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))), 0);
}
