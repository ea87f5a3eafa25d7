namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>
/// Per writer the campaign froze, its lease's audit chain: the campaign's freeze and unfreeze once per
/// pass, each unfreeze onto the INDEX_HASH of the arm it released the writer to; and the grants around
/// them: fencing tokens strictly rising, none while a campaign held the lease frozen, and each on the
/// INDEX_HASH the writer should hold at its epoch (pinned by the last unfreeze, or the active arm's).
/// </summary>
public sealed class LeaseStepsOnceCheck : IRunCheck
{
    public static string Subject(string fence) => $"lease steps {fence}";

    public static string GrantsSubject(string fence) => $"lease grants {fence}";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        var campaignId = run.Description.CampaignId;
        var hashes = run.Arms.ToDictionary(a => a.Value.IndexHash, a => a.Key);
        foreach (var region in run.Campaign.Regions.Where(r => r.Fences is not null))
        {
            foreach (var writer in region.Fences!.Writers)
            {
                var fence = $"{region.Region}/{writer}";
                if (!run.LeaseAudits.TryGetValue(fence, out var answer) || answer.Value is not { } audit)
                {
                    yield return CheckResult.Fail(Subject(fence), $"{fence}: no lease audit to read: {answer?.Error ?? "not asked"}");
                    continue;
                }

                var seen = audit.Entries
                    .Where(e => e.Command is "freeze" or "unfreeze" && e.Field("campaign") == campaignId)
                    .Select(e => e.Command == "unfreeze" ? $"unfreeze:{Arm(hashes, e.Field("index_hash"))}" : e.Command)
                    .ToList();
                yield return StepSequence.Judge(Subject(fence), $"{fence}: lease steps of {campaignId}", seen, Allowed(run.Campaign, region.Region), RegionPaths.Describe(run.Campaign, region.Region));
                yield return Grants(fence, audit, run.Audits.GetValueOrDefault(region.Region)?.Value, run.Arms);
            }
        }
    }

    public static IReadOnlyList<IReadOnlyList<string>> Allowed(CampaignReport campaign, string region) => RegionPaths.Of(campaign, region) switch
    {
        RegionPath.Untouched => [[]],
        RegionPath.CutOver => [["freeze", "unfreeze:green"]],
        RegionPath.CutOverThenRolledBack => [["freeze", "unfreeze:green", "freeze", "unfreeze:blue"]],
        RegionPath.RolledBackMidway when RegionPaths.MayHaveUnfrozen(campaign, region) =>
            [["freeze", "unfreeze:blue"], ["freeze", "unfreeze:green", "freeze", "unfreeze:blue"]],
        RegionPath.RolledBackMidway => [["freeze", "unfreeze:blue"]],
        _ => [],
    };

    /// <summary>
    /// Walks the lease chain as the lease grain decided: a grant carries the INDEX_HASH the last unfreeze
    /// pinned while the region is still at that unfreeze's epoch, else the active arm's at its epoch (a
    /// rollback's flip back may land before its freeze, and a writer granted between them is on Blue).
    /// </summary>
    private static CheckResult Grants(string fence, AuditReport audit, AuditReport? pointer, IReadOnlyDictionary<string, ArmManifestReport> arms)
    {
        var problems = new List<string>();
        long? lastToken = null;
        string? frozenBy = null;
        (string Hash, long Epoch)? pinned = null;
        var grants = 0;
        foreach (var entry in audit.Entries)
        {
            switch (entry.Command)
            {
                case "freeze":
                    frozenBy = entry.Field("campaign");
                    break;
                case "unfreeze":
                    frozenBy = null;
                    pinned = (entry.Field("index_hash") ?? "?", Number(entry.Field("epoch")) ?? -1);
                    break;
                case "grant":
                    grants++;
                    var token = Number(entry.Field("token"));
                    if (token is null || token <= lastToken)
                    {
                        problems.Add($"grant of token {entry.Field("token") ?? "?"} after token {lastToken}");
                    }

                    if (frozenBy is not null)
                    {
                        problems.Add($"grant of token {token} while {frozenBy} held the lease frozen");
                    }

                    var epoch = Number(entry.Field("epoch"));
                    var expected = pinned is { } pin && pin.Epoch == epoch ? pin.Hash
                        : pointer is not null && epoch is { } e && arms.TryGetValue(ArmAt(pointer, e), out var arm) ? arm.IndexHash
                        : null;
                    if (expected is not null && entry.Field("index_hash") != expected)
                    {
                        problems.Add($"grant of token {token} at epoch {epoch} on {entry.Field("index_hash")}, expected {expected}");
                    }

                    lastToken = token ?? lastToken;
                    break;
            }
        }

        return problems.Count == 0
            ? CheckResult.Pass(GrantsSubject(fence), $"{fence}: {grants} grants, fencing tokens rising, none while frozen, each on the INDEX_HASH of its epoch")
            : CheckResult.Fail(GrantsSubject(fence), $"{fence}: {string.Join("; ", problems)}");
    }

    /// <summary>The arm the pointer's chain says was active at <paramref name="epoch"/> (Blue before any flip).</summary>
    private static string ArmAt(AuditReport pointer, long epoch) =>
        pointer.Entries.Where(e => e.Command == "flip" && Number(e.Field("expected_epoch")) < epoch).Select(e => e.Field("to")).LastOrDefault() ?? "blue";

    private static long? Number(string? text) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Arm(Dictionary<string, string> hashes, string? indexHash) =>
        indexHash is not null && hashes.TryGetValue(indexHash, out var arm) ? arm : indexHash ?? "?";
}
