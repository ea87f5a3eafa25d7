namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>
/// Per consumer group the campaign paused, the pointer's own audit chain: the campaign's pause once,
/// its moves once each onto the arm they should reach (to Green when cut over, back to Blue when rolled
/// back after that), and a resume only where no completed move lifted the pause. A rollback's move back
/// that failed (its drain timed out) and was started again counts once.
/// </summary>
public sealed class ConsumerStepsOnceCheck : IRunCheck
{
    public static string Subject(string fence) => $"consumer steps {fence}";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        var campaignId = run.Description.CampaignId;
        var versions = run.Arms.ToDictionary(a => a.Value.ConsumerVer, a => a.Key);
        foreach (var region in run.Campaign.Regions.Where(r => r.Fences is { ConsumerGroups.Count: > 0 }))
        {
            foreach (var group in region.Fences!.ConsumerGroups)
            {
                var fence = $"{region.Region}/{group}";
                if (!run.ConsumerAudits.TryGetValue(fence, out var answer) || answer.Value is not { } audit)
                {
                    yield return CheckResult.Fail(Subject(fence), $"{fence}: no consumer pointer audit to read: {answer?.Error ?? "not asked"}");
                    continue;
                }

                var (seen, retries) = WithoutRetriedMovesBack(Steps(audit, campaignId, $"{campaignId}/{fence}/", versions));
                var path = RegionPaths.Describe(run.Campaign, region.Region) + (retries > 0 ? $"; {retries} failed move(s) back started again" : string.Empty);
                yield return StepSequence.Judge(Subject(fence), $"{fence}: consumer steps of {campaignId}", seen, Allowed(run.Campaign, region.Region), path);
            }
        }
    }

    public static IReadOnlyList<IReadOnlyList<string>> Allowed(CampaignReport campaign, string region) => RegionPaths.Of(campaign, region) switch
    {
        RegionPath.Untouched => [[]],
        RegionPath.CutOver => [["pause", "move:green", "moved:green"]],
        RegionPath.CutOverThenRolledBack => [["pause", "move:green", "moved:green", "move:blue", "moved:blue"]],
        RegionPath.RolledBackMidway when RegionPaths.MayHaveUnfrozen(campaign, region) =>
            [["pause", "resume"], ["pause", "move:green", "moved:green", "move:blue", "moved:blue"], ["pause", "move:green", "move-failed", "resume"]],
        RegionPath.RolledBackMidway => [["pause", "resume"]],
        _ => [],
    };

    /// <summary>
    /// The campaign's entries as short steps: "pause" and "resume" naming it, "move:ARM" and "moved:ARM"
    /// (started, completed) and "move-failed" for moves under its keys ("CAMPAIGN/REGION/GROUP/...").
    /// </summary>
    private static List<string> Steps(AuditReport audit, string campaignId, string keyPrefix, Dictionary<string, string> versions)
    {
        var steps = new List<string>();
        foreach (var entry in audit.Entries)
        {
            var step = entry.Command switch
            {
                "pause" or "resume" when entry.Field("campaign") == campaignId => entry.Command,
                "move-start" or "move-completed" or "move-failed" when entry.Field("key")?.StartsWith(keyPrefix, StringComparison.Ordinal) == true =>
                    entry.Command == "move-failed" ? "move-failed" : $"{(entry.Command == "move-start" ? "move" : "moved")}:{Arm(versions, entry.Field("to"))}",
                _ => null,
            };
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    /// <summary>A move back whose drain timed out is started again under a new key: only the last attempt counts.</summary>
    private static (List<string> Steps, int Retries) WithoutRetriedMovesBack(List<string> steps)
    {
        var kept = new List<string>(steps.Count);
        var retries = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] == "move:blue" && i + 2 < steps.Count && steps[i + 1] == "move-failed" && steps[i + 2] == "move:blue")
            {
                retries++;
                i++;
                continue;
            }

            kept.Add(steps[i]);
        }

        return (kept, retries);
    }

    private static string Arm(Dictionary<string, string> versions, string? consumerVer) =>
        consumerVer is not null && versions.TryGetValue(consumerVer, out var arm) ? arm : consumerVer ?? "?";
}
