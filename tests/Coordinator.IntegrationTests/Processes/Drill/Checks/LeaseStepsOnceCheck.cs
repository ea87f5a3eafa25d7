namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>
/// Per writer the campaign froze, its lease's audit chain: the campaign's freeze and unfreeze once per
/// pass, each unfreeze onto the INDEX_HASH of the arm it released the writer to; and the grants around
/// them: fencing tokens strictly rising, none while a campaign held the lease frozen, and every grant
/// after the campaign's last unfreeze on that unfreeze's INDEX_HASH.
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
                yield return Grants(fence, audit, campaignId);
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

    private static CheckResult Grants(string fence, AuditReport audit, string campaignId)
    {
        var problems = new List<string>();
        long? lastToken = null;
        var frozenBy = (string?)null;
        string? pinned = null;
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
                    pinned = entry.Field("campaign") == campaignId ? entry.Field("index_hash") : pinned;
                    break;
                case "grant":
                    grants++;
                    var token = long.TryParse(entry.Field("token"), System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : (long?)null;
                    if (token is null || token <= lastToken)
                    {
                        problems.Add($"grant of token {entry.Field("token") ?? "?"} after token {lastToken}");
                    }

                    if (frozenBy is not null)
                    {
                        problems.Add($"grant of token {token} while {frozenBy} held the lease frozen");
                    }

                    if (pinned is not null && entry.Field("index_hash") != pinned)
                    {
                        problems.Add($"grant of token {token} on {entry.Field("index_hash")} after {campaignId} unfroze the writer onto {pinned}");
                    }

                    lastToken = token ?? lastToken;
                    break;
            }
        }

        return problems.Count == 0
            ? CheckResult.Pass(GrantsSubject(fence), $"{fence}: {grants} grants, fencing tokens rising, none while frozen, each after the last unfreeze on its INDEX_HASH")
            : CheckResult.Fail(GrantsSubject(fence), $"{fence}: {string.Join("; ", problems)}");
    }

    private static string Arm(Dictionary<string, string> hashes, string? indexHash) =>
        indexHash is not null && hashes.TryGetValue(indexHash, out var arm) ? arm : indexHash ?? "?";
}
