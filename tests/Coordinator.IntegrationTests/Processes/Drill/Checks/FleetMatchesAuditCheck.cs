namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>The fleet reads each region's pointer after it stopped: every flip the audit chain records bumped the epoch once.</summary>
public sealed class FleetMatchesAuditCheck : IRunCheck
{
    public static string Subject(string region) => $"fleet matches audit {region}";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        if (run.Fleet is null)
        {
            yield break; // FleetSafetyCheck reports the missing summary
        }

        foreach (var region in run.Description.Regions)
        {
            var flips = run.Audits[region].Value?.Flips.Count;
            var seen = run.Fleet.Regions?.SingleOrDefault(r => r.Region == region);
            var matches = seen is not null && flips is not null && seen.Flips == flips && seen.Epoch == flips;
            var seenText = seen is null ? "missing" : $"{seen.Flips} flips, epoch {seen.Epoch}";
            yield return matches
                ? CheckResult.Pass(Subject(region), $"fleet: {region}: {seenText}, as the audit chain says")
                : CheckResult.Fail(Subject(region), $"fleet: {region}: {seenText}; the audit chain has {flips?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} flips");
        }
    }
}
