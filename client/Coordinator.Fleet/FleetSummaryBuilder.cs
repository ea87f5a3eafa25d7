using Coordinator.Campaigns;

namespace Coordinator.Fleet;

/// <summary>Reads where every region ended (pointer and audit chain) and folds in the fleet's counters.</summary>
public static class FleetSummaryBuilder
{
    public static async Task<FleetSummary> BuildAsync(
        IClusterClient client, FleetSimulation fleet, CampaignStatus? status, TimeSpan ran, DateTimeOffset now)
    {
        var options = fleet.Options;
        var frozen = fleet.Regions.Keys.ToDictionary(
            r => r, r => FrozenWindow.Of(status?.Regions.FirstOrDefault(p => p.Region == r), status, now), StringComparer.Ordinal);
        var regions = new List<FleetRegionSummary>();
        foreach (var (region, counters) in fleet.Regions)
        {
            var pointer = client.GetGrain<ISwitchoverGrain>(RegionKey.Format(options.Service, region));
            var view = await pointer.GetActiveArmAsync();
            var audit = await pointer.GetAuditAsync();
            var figures = new FleetFigures([counters], frozen);
            regions.Add(new FleetRegionSummary
            {
                Region = region,
                Arm = view.ActiveArm,
                Epoch = view.Epoch,
                Flips = audit.Count(e => e.Command == "flip"),
                Outcome = status?.Regions.FirstOrDefault(r => r.Region == region)?.Outcome,
                Warm = FleetWarm.Of(status?.Regions.FirstOrDefault(r => r.Region == region)),
                Requests = figures.Requests(),
                Writes = figures.Writes(),
                Commits = figures.Commits(),
            });
        }

        var totals = new FleetFigures([.. fleet.Regions.Values], frozen);
        return new FleetSummary
        {
            Service = options.Service,
            CampaignId = options.CampaignId,
            State = status?.State ?? CampaignState.Running,
            Reason = status?.Reason,
            RollbackSeconds = status?.RollbackDuration?.TotalSeconds,
            Injected = [.. options.Injections.Select(i => i.ToString())],
            DurationSeconds = Math.Round(ran.TotalSeconds, 1),
            Requests = totals.Requests(),
            Writes = totals.Writes(),
            Commits = totals.Commits(),
            SmokeReports = totals.SmokeReports(),
            Regions = regions,
        };
    }
}
