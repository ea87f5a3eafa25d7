namespace Coordinator.Fleet;

/// <summary>
/// The summary's requests, writes and commits from tallies: one region's, or every region's added
/// up. One builder takes how to read a tally field, so the same code serves both.
/// </summary>
public static class FleetSummaryParts
{
    /// <summary>One region's figures.</summary>
    public static (FleetRequests Requests, FleetWrites Writes, FleetCommits Commits) Of(RegionTally tally) => Build(field => field(tally));

    /// <summary>The fleet's totals: every field summed over the regions.</summary>
    public static (FleetRequests Requests, FleetWrites Writes, FleetCommits Commits) Total(IReadOnlyCollection<RegionTally> tallies) =>
        Build(field => tallies.Sum(field));

    private static (FleetRequests, FleetWrites, FleetCommits) Build(Func<Func<RegionTally, long>, long> read) =>
    (
        new FleetRequests
        {
            Blue = read(t => t.ServedBlue),
            Green = read(t => t.ServedGreen),
            LowerEpochReads = read(t => t.LowerEpochReads),
            Errors = read(t => t.RequestErrors),
        },
        new FleetWrites
        {
            Accepted = read(t => t.WritesAccepted),
            RejectedWhileFrozen = read(t => t.RejectedWhileFrozen),
            RejectedOther = read(t => t.WritesRejected - t.RejectedWhileFrozen),
            AcceptedWhileFrozen = read(t => t.AcceptedWhileFrozen),
            TokenRegressions = read(t => t.TokenRegressions),
            Errors = read(t => t.WriterErrors),
        },
        new FleetCommits
        {
            Accepted = read(t => t.CommitsAccepted),
            Duplicates = read(t => t.Duplicates),
            Replayed = read(t => t.Replayed),
            ResentAfterError = read(t => t.ResentAfterError),
            Fenced = read(t => t.Fenced),
            ZombieCommits = read(t => t.ZombieCommits),
            ZombieAccepted = read(t => t.ZombieAccepted),
            Conflicts = read(t => t.Conflicts),
            OffsetRegressions = read(t => t.OffsetRegressions),
            Errors = read(t => t.ConsumerErrors),
        });
}
