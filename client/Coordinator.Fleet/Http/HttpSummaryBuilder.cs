using System.Globalization;
using Coordinator.Arms;

namespace Coordinator.Fleet.Http;

/// <summary>Builds a run's <see cref="FleetHttpSummary"/> from the arm servers' own counters, the traffic's log and the audit chains.</summary>
public static class HttpSummaryBuilder
{
    /// <summary>A failed request counts against a flip when it was in flight this close to it.</summary>
    public static readonly TimeSpan FlipWindow = TimeSpan.FromSeconds(1);

    public const string QualityMeasure =
        "measured by the traffic client on every answer: coverage = the target section's distinct terms found in the retrieved passages; "
        + "ΔS = 1 − the best LEXICAL TF-IDF cosine between the question and a retrieved sentence; λ from the ΔS change since the same question's previous answer";

    public const string SmokeReports =
        "measured by the coordinator at Warm Green: the spec's gold set asked of each region's real Green (POST /ask), ΔS with a sentence-embedding model, coverage and λ; see warm per region";

    /// <param name="degraded">Per region, how its Green was degraded (null when it was not).</param>
    /// <param name="edges">Each region's edge base address.</param>
    public static async Task<FleetHttpSummary> BuildAsync(
        IClusterClient client, string service, RegionArms arms, HttpTrafficLog log,
        IReadOnlyDictionary<string, string?> degraded, IReadOnlyDictionary<string, Uri> edges)
    {
        var failed = log.Failed;
        var regions = new List<FleetHttpRegion>();
        foreach (var region in arms.Regions)
        {
            var audit = await client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region)).GetAuditAsync();
            var servers = new Dictionary<Arm, ArmServer> { [Arm.Blue] = arms.Blue(region), [Arm.Green] = arms.Green(region) };
            var counts = servers.ToDictionary(s => s.Key, s => s.Value.Counts());
            var regionFailed = failed.Where(f => f.Region == region).ToArray();
            var flips = audit.Where(e => e.Command == "flip").Select(e => Flip(e, counts, regionFailed)).ToArray();
            regions.Add(new FleetHttpRegion
            {
                Region = region,
                Edge = edges[region].ToString(),
                Blue = ArmFigures(region, Arm.Blue, servers[Arm.Blue], counts[Arm.Blue], log, null),
                Green = ArmFigures(region, Arm.Green, servers[Arm.Green], counts[Arm.Green], log, degraded.GetValueOrDefault(region)),
                Failed = regionFailed.Length,
                FailedAcrossFlips = regionFailed.LongCount(f => flips.Any(flip => InWindow(f, flip.At))),
                Flips = flips,
            });
        }

        var lastOnOld = regions.SelectMany(r => r.Flips).Select(f => f.OldArmLastRequestMs).Where(ms => ms is not null).ToArray();
        return new FleetHttpSummary
        {
            QualityMeasure = QualityMeasure,
            SmokeReports = SmokeReports,
            FlipWindowSeconds = FlipWindow.TotalSeconds,
            Failed = failed.Count,
            FailedAcrossFlips = regions.Sum(r => r.FailedAcrossFlips),
            MaxOldArmAfterFlipMs = lastOnOld.Length == 0 ? null : lastOnOld.Max(),
            QualityUnattributed = log.Unattributed,
            Regions = regions,
        };
    }

    /// <summary>A failed request was in flight within the window around the flip.</summary>
    public static bool InWindow(FailedRequest request, DateTimeOffset flip) =>
        request.Sent <= flip + FlipWindow && request.Ended >= flip - FlipWindow;

    private static FleetHttpFlip Flip(AuditEntry entry, Dictionary<Arm, ArmRequestCounts> counts, FailedRequest[] failed)
    {
        var (to, epoch) = ParseFlip(entry.Detail);
        var old = to == Arm.Green ? Arm.Blue : Arm.Green;
        var lastOnOld = counts[old].LastAskByEpoch.Where(kv => kv.Key < epoch).Select(kv => (DateTimeOffset?)kv.Value).Max();
        return new FleetHttpFlip
        {
            Epoch = epoch,
            To = to,
            At = entry.At,
            Failed = failed.LongCount(f => InWindow(f, entry.At)),
            OldArmLastRequestMs = lastOnOld is { } last ? Math.Round((last - entry.At).TotalMilliseconds, 1) : null,
        };
    }

    /// <summary>A flip's audit detail: "to=green;expected_epoch=0;..." (the flip made epoch expected + 1).</summary>
    public static (Arm To, long Epoch) ParseFlip(string detail)
    {
        var fields = detail.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        if (!fields.TryGetValue("to", out var to) || !fields.TryGetValue("expected_epoch", out var expected)
            || !long.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out var before))
        {
            throw new FormatException($"not a flip's audit detail: '{detail}'");
        }

        return (to == "green" ? Arm.Green : Arm.Blue, before + 1);
    }

    private static FleetHttpArm ArmFigures(string region, Arm arm, ArmServer server, ArmRequestCounts counts, HttpTrafficLog log, string? degraded)
    {
        var quality = log.Quality(region, arm.ToWire()).Read();
        return new FleetHttpArm
        {
            Url = server.BaseUrl.ToString(),
            Degraded = degraded,
            Asks = counts.Asks,
            Asks5xx = counts.Status5xx,
            ClientAnswers = log.Answered(region, arm.ToWire()),
            QualitySamples = quality.Samples,
            CoverageMean = Math.Round(quality.Coverage, 4),
            DeltaSMean = Math.Round(quality.DeltaS, 4),
            LambdaFlipRate = Math.Round(quality.FlipRate, 4),
        };
    }
}
