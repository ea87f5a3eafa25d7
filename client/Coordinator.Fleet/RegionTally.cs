namespace Coordinator.Fleet;

/// <summary>
/// One region's counters read once, with the writes judged against the campaign's freeze window.
/// Regions and the fleet's totals are both built from tallies (<see cref="FleetSummaryParts"/>), so
/// a new counter is listed in one place.
/// </summary>
public sealed record RegionTally
{
    public long ServedBlue { get; init; }
    public long ServedGreen { get; init; }
    public long LowerEpochReads { get; init; }
    public long RequestErrors { get; init; }
    public long WritesAccepted { get; init; }
    public long WritesRejected { get; init; }
    public long RejectedWhileFrozen { get; init; }
    public long AcceptedWhileFrozen { get; init; }
    public long TokenRegressions { get; init; }
    public long WriterErrors { get; init; }
    public long CommitsAccepted { get; init; }
    public long Duplicates { get; init; }
    public long Replayed { get; init; }
    public long ResentAfterError { get; init; }
    public long Fenced { get; init; }
    public long ZombieCommits { get; init; }
    public long ZombieAccepted { get; init; }
    public long Conflicts { get; init; }
    public long OffsetRegressions { get; init; }
    public long ConsumerErrors { get; init; }
    public long SmokeReports { get; init; }

    public static RegionTally Of(RegionCounters c, FrozenWindow? frozen) => new()
    {
        ServedBlue = RegionCounters.Read(ref c.ServedBlue),
        ServedGreen = RegionCounters.Read(ref c.ServedGreen),
        LowerEpochReads = RegionCounters.Read(ref c.LowerEpochReads),
        RequestErrors = RegionCounters.Read(ref c.RequestErrors),
        WritesAccepted = RegionCounters.Read(ref c.WritesAccepted),
        WritesRejected = RegionCounters.Read(ref c.WritesRejected),
        RejectedWhileFrozen = frozen.Count(c.RejectedWriteTimes),
        AcceptedWhileFrozen = frozen.Count(c.AcceptedWriteTimes),
        TokenRegressions = RegionCounters.Read(ref c.TokenRegressions),
        WriterErrors = RegionCounters.Read(ref c.WriterErrors),
        CommitsAccepted = RegionCounters.Read(ref c.CommitsAccepted),
        Duplicates = RegionCounters.Read(ref c.Duplicates),
        Replayed = RegionCounters.Read(ref c.Replayed),
        ResentAfterError = RegionCounters.Read(ref c.ResentAfterError),
        Fenced = RegionCounters.Read(ref c.Fenced),
        ZombieCommits = RegionCounters.Read(ref c.ZombieCommits),
        ZombieAccepted = RegionCounters.Read(ref c.ZombieAccepted),
        Conflicts = RegionCounters.Read(ref c.Conflicts),
        OffsetRegressions = RegionCounters.Read(ref c.OffsetRegressions),
        ConsumerErrors = RegionCounters.Read(ref c.ConsumerErrors),
        SmokeReports = RegionCounters.Read(ref c.SmokeReports),
    };
}
