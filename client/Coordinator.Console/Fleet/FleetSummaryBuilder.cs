using Coordinator.Campaigns;

namespace Coordinator.Console.Fleet;

/// <summary>Reads where every region ended (pointer and audit chain) and folds in the fleet's counters.</summary>
public static class FleetSummaryBuilder
{
    public static async Task<FleetSummary> BuildAsync(
        IClusterClient client, FleetSimulation fleet, CampaignStatus? status, TimeSpan ran, DateTimeOffset now)
    {
        var options = fleet.Options;
        var regions = new List<FleetRegionSummary>();
        foreach (var (region, counters) in fleet.Regions)
        {
            var pointer = client.GetGrain<ISwitchoverGrain>(RegionKey.Format(options.Service, region));
            var view = await pointer.GetActiveArmAsync();
            var audit = await pointer.GetAuditAsync();
            var progress = status?.Regions.FirstOrDefault(r => r.Region == region);
            var frozen = FrozenWindow.Of(progress, status, now);
            var rejectedWhileFrozen = frozen.Count(counters.RejectedWriteTimes);
            regions.Add(new FleetRegionSummary
            {
                Region = region,
                Arm = view.ActiveArm,
                Epoch = view.Epoch,
                Flips = audit.Count(e => e.Command == "flip"),
                Outcome = progress?.Outcome,
                Requests = new FleetRequests
                {
                    Blue = RegionCounters.Read(ref counters.ServedBlue),
                    Green = RegionCounters.Read(ref counters.ServedGreen),
                    LowerEpochReads = RegionCounters.Read(ref counters.LowerEpochReads),
                    Errors = RegionCounters.Read(ref counters.RequestErrors),
                },
                Writes = new FleetWrites
                {
                    Accepted = RegionCounters.Read(ref counters.WritesAccepted),
                    RejectedWhileFrozen = rejectedWhileFrozen,
                    RejectedOther = RegionCounters.Read(ref counters.WritesRejected) - rejectedWhileFrozen,
                    AcceptedWhileFrozen = frozen.Count(counters.AcceptedWriteTimes),
                    TokenRegressions = RegionCounters.Read(ref counters.TokenRegressions),
                    Errors = RegionCounters.Read(ref counters.WriterErrors),
                },
                Commits = new FleetCommits
                {
                    Accepted = RegionCounters.Read(ref counters.CommitsAccepted),
                    Duplicates = RegionCounters.Read(ref counters.Duplicates),
                    Replayed = RegionCounters.Read(ref counters.Replayed),
                    ResentAfterError = RegionCounters.Read(ref counters.ResentAfterError),
                    Fenced = RegionCounters.Read(ref counters.Fenced),
                    ZombieCommits = RegionCounters.Read(ref counters.ZombieCommits),
                    ZombieAccepted = RegionCounters.Read(ref counters.ZombieAccepted),
                    Conflicts = RegionCounters.Read(ref counters.Conflicts),
                    OffsetRegressions = RegionCounters.Read(ref counters.OffsetRegressions),
                    Errors = RegionCounters.Read(ref counters.ConsumerErrors),
                },
            });
        }

        return new FleetSummary
        {
            Service = options.Service,
            CampaignId = options.CampaignId,
            State = status?.State ?? CampaignState.Running,
            Reason = status?.Reason,
            RollbackSeconds = status?.RollbackDuration?.TotalSeconds,
            Injected = [.. options.Injections.Select(i => i.ToString())],
            DurationSeconds = Math.Round(ran.TotalSeconds, 1),
            Requests = FleetRequests.Sum(regions.Select(r => r.Requests)),
            Writes = FleetWrites.Sum(regions.Select(r => r.Writes)),
            Commits = FleetCommits.Sum(regions.Select(r => r.Commits)),
            SmokeReports = fleet.Regions.Values.Sum(c => RegionCounters.Read(ref c.SmokeReports)),
            Regions = regions,
        };
    }
}
