namespace Coordinator.Consumers;

/// <summary>
/// The ledger's periodic pass: forgets keys past the retention even when no commit comes to compact
/// the ledger, so a quiet pointer's list of sealed segments (and their storage) does not outlive the
/// promise. Whole segments go, oldest first, as <see cref="LedgerCompaction"/> drops them.
/// </summary>
public static class LedgerExpiry
{
    /// <summary>Whether some open key or the oldest sealed segment is past the retention.</summary>
    public static bool IsDue(ConsumerPointerState state, DateTimeOffset now, ConsumerPointerOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var cutoff = now - options.LedgerRetention;
        return (state.SealedSegments.Count > 0 && state.SealedSegments[0].NewestAt < cutoff)
            || state.OpenLedger.Values.Any(e => e.AcceptedAt < cutoff);
    }

    /// <summary>Drops what is past the retention; the answer is how many keys were forgotten.</summary>
    public static Decision<ConsumerPointerState, long> Expire(ConsumerPointerState state, DateTimeOffset now, ConsumerPointerOptions options)
    {
        if (!IsDue(state, now, options))
        {
            return Decision<ConsumerPointerState, long>.Unchanged(0);
        }

        var cutoff = now - options.LedgerRetention;
        var expiredOpen = state.OpenLedger.Values.Where(e => e.AcceptedAt < cutoff).Select(e => e.Key).ToList();
        var dropped = state.SealedSegments.TakeWhile(s => s.NewestAt < cutoff).ToList();
        var next = state with
        {
            OpenLedger = state.OpenLedger.RemoveRange(expiredOpen),
            SealedSegments = state.SealedSegments.RemoveRange(0, dropped.Count),
        };
        next = next with { Counters = next.Counters with { LedgerKeys = LedgerCompaction.KeyCount(next) } };
        return Decision<ConsumerPointerState, long>.Changed(next, expiredOpen.Count + dropped.Sum(s => (long)s.Count));
    }
}
