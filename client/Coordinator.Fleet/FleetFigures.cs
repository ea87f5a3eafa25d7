namespace Coordinator.Fleet;

/// <summary>
/// Requests, writes and commits summed over some regions' counters: one region for its row, all of
/// them for the fleet's totals, so every figure is defined once. Read after the fleet stopped.
/// </summary>
/// <param name="frozen">Each region's freeze window, to judge its writes by when they were attempted.</param>
public sealed class FleetFigures(IReadOnlyCollection<RegionCounters> regions, IReadOnlyDictionary<string, FrozenWindow?> frozen)
{
    public FleetRequests Requests() => new()
    {
        Blue = Sum(c => RegionCounters.Read(ref c.ServedBlue)),
        Green = Sum(c => RegionCounters.Read(ref c.ServedGreen)),
        LowerEpochReads = Sum(c => RegionCounters.Read(ref c.LowerEpochReads)),
        Errors = Sum(c => RegionCounters.Read(ref c.RequestErrors)),
    };

    public FleetWrites Writes() => new()
    {
        Accepted = Sum(c => RegionCounters.Read(ref c.WritesAccepted)),
        RejectedWhileFrozen = Sum(RejectedWhileFrozen),
        RejectedOther = Sum(c => RegionCounters.Read(ref c.WritesRejected) - RejectedWhileFrozen(c)),
        AcceptedWhileFrozen = Sum(c => frozen[c.Region].Count(c.AcceptedWriteTimes)),
        TokenRegressions = Sum(c => RegionCounters.Read(ref c.TokenRegressions)),
        Errors = Sum(c => RegionCounters.Read(ref c.WriterErrors)),
    };

    public FleetCommits Commits() => new()
    {
        Accepted = Sum(c => RegionCounters.Read(ref c.CommitsAccepted)),
        Duplicates = Sum(c => RegionCounters.Read(ref c.Duplicates)),
        Replayed = Sum(c => RegionCounters.Read(ref c.Replayed)),
        ResentAfterError = Sum(c => RegionCounters.Read(ref c.ResentAfterError)),
        Fenced = Sum(c => RegionCounters.Read(ref c.Fenced)),
        ZombieCommits = Sum(c => RegionCounters.Read(ref c.ZombieCommits)),
        ZombieAccepted = Sum(c => RegionCounters.Read(ref c.ZombieAccepted)),
        Conflicts = Sum(c => RegionCounters.Read(ref c.Conflicts)),
        OffsetRegressions = Sum(c => RegionCounters.Read(ref c.OffsetRegressions)),
        Errors = Sum(c => RegionCounters.Read(ref c.ConsumerErrors)),
    };

    public long SmokeReports() => Sum(c => RegionCounters.Read(ref c.SmokeReports));

    private long RejectedWhileFrozen(RegionCounters c) => frozen[c.Region].Count(c.RejectedWriteTimes);

    private long Sum(Func<RegionCounters, long> figure) => regions.Sum(figure);
}
