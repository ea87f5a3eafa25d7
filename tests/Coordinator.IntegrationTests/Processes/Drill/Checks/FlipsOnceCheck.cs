namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>
/// Per region, the flips its audit chain records: completed → green once; rolled back → green then
/// blue, once each, where the region had flipped, and none where it had not.
/// </summary>
public sealed class FlipsOnceCheck : IRunCheck
{
    public static string Subject(string region) => $"flips {region}";

    public static IReadOnlyList<string> Expected(CampaignReport campaign, string region) =>
        campaign.State == "completed" ? ["green"]
        : campaign.Region(region).FlippedEpoch is not null ? ["green", "blue"]
        : [];

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        foreach (var region in run.Description.Regions)
        {
            if (run.Audits[region].Value is not { } audit)
            {
                yield return CheckResult.Fail(Subject(region), $"{region}: no audit to count flips in: {run.Audits[region].Error}");
                continue;
            }

            var expected = Expected(run.Campaign, region);
            var flips = string.Join(',', audit.Flips);
            var wanted = string.Join(',', expected);
            yield return flips == wanted
                ? CheckResult.Pass(Subject(region), $"{region}: flips {(wanted.Length > 0 ? wanted + " (each exactly once)" : "none (never flipped)")}")
                : CheckResult.Fail(
                    Subject(region),
                    $"{region}: flips '{(flips.Length > 0 ? flips : "none")}', expected '{(wanted.Length > 0 ? wanted : "none")}' (campaign {run.Campaign.State}, flipped epoch {run.Campaign.Region(region).FlippedEpoch?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})");
        }
    }
}
