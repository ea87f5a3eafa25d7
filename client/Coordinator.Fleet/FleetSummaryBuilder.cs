using Coordinator.Campaigns;

namespace Coordinator.Fleet;

/// <summary>Reads where every region ended (pointer and audit chain) and folds in the fleet's counters.</summary>
public static class FleetSummaryBuilder
{
    public static async Task<FleetSummary> BuildAsync(
        IClusterClient client, FleetSimulation fleet, CampaignStatus? status, TimeSpan ran, DateTimeOffset now)
    {
        var options = fleet.Options;
        var regions = new List<FleetRegionSummary>();
        var tallies = new List<RegionTally>();
        foreach (var (region, counters) in fleet.Regions)
        {
            var pointer = client.GetGrain<ISwitchoverGrain>(RegionKey.Format(options.Service, region));
            var view = await pointer.GetActiveArmAsync();
            var audit = await pointer.GetAuditAsync();
            var progress = status?.Regions.FirstOrDefault(r => r.Region == region);
            var tally = RegionTally.Of(counters, FrozenWindow.Of(progress, status, now));
            var (requests, writes, commits) = FleetSummaryParts.Of(tally);
            tallies.Add(tally);
            regions.Add(new FleetRegionSummary
            {
                Region = region,
                Arm = view.ActiveArm,
                Epoch = view.Epoch,
                Flips = audit.Count(e => e.Command == "flip"),
                Outcome = progress?.Outcome,
                Requests = requests,
                Writes = writes,
                Commits = commits,
            });
        }

        var totals = FleetSummaryParts.Total(tallies);
        return new FleetSummary
        {
            Service = options.Service,
            CampaignId = options.CampaignId,
            State = status?.State ?? CampaignState.Running,
            Reason = status?.Reason,
            RollbackSeconds = status?.RollbackDuration?.TotalSeconds,
            Injected = [.. options.Injections.Select(i => i.ToString())],
            DurationSeconds = Math.Round(ran.TotalSeconds, 1),
            Requests = totals.Requests,
            Writes = totals.Writes,
            Commits = totals.Commits,
            SmokeReports = tallies.Sum(t => t.SmokeReports),
            Regions = regions,
        };
    }
}
