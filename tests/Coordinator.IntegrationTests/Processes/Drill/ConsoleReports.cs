using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Coordinator.IntegrationTests.Processes.Drill;

// What the drill reads from the console's `--json` answers: only the fields the checks use, by
// their wire names (snake_case), so the console's internal classes can change freely.

public sealed record CampaignReport(string State, string? Reason, IReadOnlyList<CampaignRegionReport> Regions, IReadOnlyList<string>? Approvals = null)
{
    public CampaignRegionReport Region(string region) => Regions.Single(r => r.Region == region);
}

public sealed record CampaignRegionReport(string Region, string Outcome, long? FlippedEpoch, IReadOnlyList<CampaignStepReport> Steps, RegionFencesReport? Fences = null)
{
    /// <summary>Whether the region finished <paramref name="step"/> (snake_case, e.g. "hold_and_watch").</summary>
    public bool Finished(string step) => Steps.Any(s => s.Step == step && s.FinishedAt is not null);
}

/// <summary>What the campaign froze in a region: writer leases and consumer groups.</summary>
public sealed record RegionFencesReport(IReadOnlyList<string> Writers, IReadOnlyList<string> ConsumerGroups);

public sealed record CampaignStepReport(string Step, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

public sealed record HostReport(int? SiloPort);

public sealed record AuditReport(AuditVerificationReport Verification, IReadOnlyList<AuditEntryReport> Entries)
{
    /// <summary>The arms the region was flipped to, in order, as its chain recorded them ("to=green ...").</summary>
    public IReadOnlyList<string> Flips => [.. Entries.Where(e => e.Command == "flip").Select(e => FlipTarget(e.Detail ?? string.Empty))];

    // A detail that names no target stays whole, so it shows in the check's message.
    private static string FlipTarget(string detail) => Regex.Match(detail, "^to=([a-z]+)") is { Success: true } m ? m.Groups[1].Value : detail;
}

public sealed record AuditVerificationReport(bool IsValid, int EntryCount, JsonElement Problems);

public sealed record AuditEntryReport(string Command, string? Detail)
{
    /// <summary>
    /// A "key=value" field of the detail ("campaign=...;reason=..."), or null. Fields are read up to the
    /// first match: a free-text reason comes last in every detail, so it cannot shadow an earlier field.
    /// </summary>
    public string? Field(string key) =>
        (Detail ?? string.Empty).Split(';').Select(f => f.Split('=', 2)).FirstOrDefault(f => f.Length == 2 && f[0] == key)?[1];
}

/// <summary>`coord consumers SERVICE REGION --groups ... --json`.</summary>
public sealed record ConsumerGroupsReport(IReadOnlyList<ConsumerGroupReport> Groups);

public sealed record ConsumerGroupReport(string Group, string? ActiveConsumerVer, string Mode, long Token, ConsumerMoveReport? CurrentMove, string? PausedBy);

public sealed record ConsumerMoveReport(string IdempotencyKey, string FromConsumerVer, string ToConsumerVer, string State);

/// <summary>The fields of a registered arm's manifest the checks compare with (infra/examples/ARM.json).</summary>
public sealed record ArmManifestReport(string IndexHash, string ConsumerVer);

/// <summary>The fleet's summary (`coord fleet --json`); a counter missing from it stays null.</summary>
public sealed record FleetReport(FleetWrites? Writes, FleetCommits? Commits, FleetRequests? Requests, IReadOnlyList<FleetRegionReport>? Regions);

public sealed record FleetWrites(long? TokenRegressions, long? AcceptedWhileFrozen);

public sealed record FleetCommits(long? OffsetRegressions, long? ZombieAccepted);

public sealed record FleetRequests(long? LowerEpochReads, long? Errors = null, long? Blue = null, long? Green = null);

public sealed record FleetRegionReport(string Region, int Flips, long Epoch);

public static class ConsoleJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static T Read<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException($"{what} printed null");
}
