using System.Collections.Concurrent;

namespace Coordinator.Fleet;

/// <summary>What one region's simulated services observed; updated from several loops at once.</summary>
public sealed class RegionCounters(string region)
{
    public string Region { get; } = region;

    // Request loops.
    public long ServedBlue;
    public long ServedGreen;
    public long LowerEpochReads;
    public long RequestErrors;

    // Writer and its sink.
    public long WritesAccepted;
    public long WritesRejected;
    public long TokenRegressions;
    public long WriterErrors;

    // Consumer.
    public long CommitsAccepted;
    public long Duplicates;
    public long Replayed;
    public long ResentAfterError;
    public long Fenced;
    public long Conflicts;
    public long ZombieCommits;
    public long ZombieAccepted;
    public long OffsetRegressions;
    public long ConsumerErrors;

    // Evaluator.
    public long SmokeReports;

    /// <summary>When each accepted write was attempted (taken before the sink's check), to compare with the campaign's freeze.</summary>
    public ConcurrentQueue<DateTimeOffset> AcceptedWriteTimes { get; } = new();

    /// <summary>
    /// When each rejected write was attempted. The sink's guard learns of a freeze from the lease
    /// stream and then refuses the revoked token as stale without asking, so the cause is read from
    /// the campaign's freeze window afterwards, not from the sink's answer.
    /// </summary>
    public ConcurrentQueue<DateTimeOffset> RejectedWriteTimes { get; } = new();

    public static void Add(ref long counter, long by = 1) => Interlocked.Add(ref counter, by);

    public static long Read(ref long counter) => Interlocked.Read(ref counter);
}
