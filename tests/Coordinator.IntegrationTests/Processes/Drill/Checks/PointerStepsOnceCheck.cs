namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>
/// Per region, the pointer commands the campaign made, as its pointer's audit chain records them: the
/// claim, the flip and the release once per pass (a rollback of a region already cut over claims,
/// flips back and releases again), and nothing for a region it never reached.
/// </summary>
public sealed class PointerStepsOnceCheck : IRunCheck
{
    private static readonly string[] CampaignCommands = ["claim", "flip", "release"];

    public static string Subject(string region) => $"pointer steps {region}";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        var campaignId = run.Description.CampaignId;
        foreach (var region in run.Description.Regions)
        {
            if (run.Audits[region].Value is not { } audit)
            {
                yield return CheckResult.Fail(Subject(region), $"{region}: no pointer audit to read: {run.Audits[region].Error}");
                continue;
            }

            var seen = audit.Entries
                .Where(e => CampaignCommands.Contains(e.Command) && e.Field("campaign") == campaignId)
                .Select(e => e.Command == "flip" ? $"flip:{e.Field("to")}" : e.Command)
                .ToList();
            yield return StepSequence.Judge(Subject(region), $"{region}: pointer steps of {campaignId}", seen, Allowed(run.Campaign, region), RegionPaths.Describe(run.Campaign, region));
        }
    }

    public static IReadOnlyList<IReadOnlyList<string>> Allowed(CampaignReport campaign, string region) => RegionPaths.Of(campaign, region) switch
    {
        RegionPath.Untouched => [[]],
        RegionPath.CutOver => [["claim", "flip:green", "release"]],
        RegionPath.CutOverThenRolledBack => [["claim", "flip:green", "release", "claim", "flip:blue", "release"]],

        // A flip the campaign did not record (its host died between the flip and the save) is found by
        // the rollback, which flips it back: allowed only as that pair.
        RegionPath.RolledBackMidway when campaign.Region(region).FlippedEpoch is not null => [["claim", "flip:green", "flip:blue", "release"]],
        RegionPath.RolledBackMidway => [["claim", "release"], ["claim", "flip:green", "flip:blue", "release"]],
        _ => [],
    };
}
