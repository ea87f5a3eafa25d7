namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>What the campaign's own status says a region went through: what its audit chains must then hold.</summary>
public enum RegionPath
{
    /// <summary>Its wave never started (a rollback came first): no chain names the campaign.</summary>
    Untouched,

    /// <summary>The campaign completed: cut over once.</summary>
    CutOver,

    /// <summary>Cut over, then rolled back with the rest (its wave was done before another region failed).</summary>
    CutOverThenRolledBack,

    /// <summary>Rolled back from inside its checklist: never released onto Green.</summary>
    RolledBackMidway,

    /// <summary>An outcome the campaign's state does not allow (e.g. a region pending in a completed campaign).</summary>
    Inconsistent,
}

/// <summary>Reads a region's <see cref="RegionPath"/> from `campaign status --json`.</summary>
public static class RegionPaths
{
    public static RegionPath Of(CampaignReport campaign, string region)
    {
        var report = campaign.Regions.SingleOrDefault(r => r.Region == region);
        return (campaign.State, report?.Outcome) switch
        {
            ("completed", "done") => RegionPath.CutOver,
            ("rolled_back", "pending") => RegionPath.Untouched,
            ("rolled_back", "rolled_back") when report!.Finished("unfreeze") => RegionPath.CutOverThenRolledBack,
            ("rolled_back", "rolled_back") => RegionPath.RolledBackMidway,
            _ => RegionPath.Inconsistent,
        };
    }

    /// <summary>
    /// A region rolled back midway after its hold passed may have run part of Unfreeze before the
    /// rollback (writers onto Green, the consumer move), recorded or not: those are undone, not skipped.
    /// </summary>
    public static bool MayHaveUnfrozen(CampaignReport campaign, string region) =>
        Of(campaign, region) == RegionPath.RolledBackMidway && campaign.Region(region).Finished("hold_and_watch");

    public static string Describe(CampaignReport campaign, string region) => Of(campaign, region) switch
    {
        RegionPath.Untouched => "untouched",
        RegionPath.CutOver => "cut over",
        RegionPath.CutOverThenRolledBack => "cut over, then rolled back",
        RegionPath.RolledBackMidway => MayHaveUnfrozen(campaign, region) ? "rolled back from its unfreeze step" : "rolled back midway",
        _ => $"outcome '{campaign.Regions.SingleOrDefault(r => r.Region == region)?.Outcome ?? "missing"}' in a {campaign.State} campaign",
    };
}
