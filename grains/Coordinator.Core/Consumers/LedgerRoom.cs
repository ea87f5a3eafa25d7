using Coordinator.Fences;

namespace Coordinator.Consumers;

/// <summary>
/// Whether a fail-closed ledger can take another key without forgetting one before its retention.
/// Cheap per commit: the pointer's key counter, less the oldest segments already past retention
/// (they expire at the next write anyway).
/// </summary>
public static class LedgerRoom
{
    public static long LiveKeys(ConsumerPointerState state, DateTimeOffset now, ConsumerPointerOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var cutoff = now - options.LedgerRetention;
        var keys = state.Counters.LedgerKeys;
        foreach (var segment in state.SealedSegments)
        {
            if (segment.NewestAt >= cutoff)
            {
                break;
            }

            keys -= segment.Count;
        }

        return keys;
    }

    public static bool IsFull(ConsumerPointerState state, DateTimeOffset now, ConsumerPointerOptions options) =>
        state.LedgerPolicy == LedgerPolicy.FailClosed && LiveKeys(state, now, options) >= options.LedgerMaxEntries;

    public static string FullReason(ConsumerPointerState state, DateTimeOffset now, ConsumerPointerOptions options)
    {
        var oldest = state.SealedSegments.Count > 0 ? state.SealedSegments[0].NewestAt : state.OpenLedger.Values.Select(e => e.AcceptedAt).DefaultIfEmpty(now).Min();
        return $"idempotency ledger full: {LiveKeys(state, now, options):N0} keys held, LedgerMaxEntries is {options.LedgerMaxEntries:N0}, and the group is fail-closed, "
            + $"so new keys are refused rather than forgetting one before its {options.LedgerRetention.TotalHours:0.#} h retention; "
            + $"room comes back when the oldest keys expire (from {oldest + options.LedgerRetention:yyyy-MM-dd HH:mm:ss}Z), when LedgerMaxEntries is raised, "
            + "or with 'consumers configure --ledger-policy fail-open'";
    }
}
