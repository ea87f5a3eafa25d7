using System.Collections.Immutable;
using Coordinator.Fences;

namespace Coordinator.Consumers;

/// <summary>One accepted side effect, remembered by its idempotency key.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LedgerEntry")]
public sealed record LedgerEntry(
    [property: Id(0)] string Key,
    [property: Id(1)] string PayloadHash,
    [property: Id(2)] int Partition,
    [property: Id(3)] long CommittedOffset,
    [property: Id(4)] DateTimeOffset AcceptedAt);

/// <summary>A sealed, immutable block of ledger entries stored apart from the pointer's state.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LedgerSegmentRef")]
public sealed record LedgerSegmentRef(
    [property: Id(0)] string Id,
    [property: Id(1)] int Count,
    [property: Id(2)] DateTimeOffset NewestAt);

/// <summary>Keys of sealed segments, as the pointer holds them in memory.</summary>
public interface ILedgerIndex
{
    LedgerEntry? Find(string key);
}

/// <summary>
/// How the idempotency ledger stays bounded. New keys go into an open segment kept in the pointer's
/// state; a full open segment is sealed into a segment of its own, written once, so each state write
/// stays small however many keys are remembered. Segments whose newest key is past the retention
/// window expire whole; past the size bound a fail-open ledger evicts the oldest segments and counts
/// them, while a fail-closed one keeps them (its commits are refused instead, see <see cref="LedgerRoom"/>).
/// </summary>
public static class LedgerCompaction
{
    /// <summary>What to do before the next state write.</summary>
    public sealed record Plan(
        ConsumerPointerState Next,
        LedgerSegmentRef? Sealed,
        ImmutableList<LedgerEntry> SealedEntries,
        IReadOnlyList<LedgerSegmentRef> Dropped,
        long Evicted);

    public static Plan Compact(ConsumerPointerState state, DateTimeOffset now, ConsumerPointerOptions options, Func<string> newSegmentId)
    {
        var cutoff = now - options.LedgerRetention;
        var open = state.OpenLedger;
        var expiredOpen = open.Values.Where(e => e.AcceptedAt < cutoff).Select(e => e.Key).ToList();
        if (expiredOpen.Count > 0)
        {
            open = open.RemoveRange(expiredOpen);
        }

        LedgerSegmentRef? sealedRef = null;
        var sealedEntries = ImmutableList<LedgerEntry>.Empty;
        var segments = state.SealedSegments;
        if (open.Count >= options.LedgerSegmentSize)
        {
            sealedEntries = [.. open.Values.OrderBy(e => e.AcceptedAt)];
            sealedRef = new LedgerSegmentRef(newSegmentId(), sealedEntries.Count, sealedEntries[^1].AcceptedAt);
            segments = segments.Add(sealedRef);
            open = open.Clear();
        }

        var dropped = new List<LedgerSegmentRef>();
        long evicted = 0;
        var total = open.Count + segments.Sum(s => (long)s.Count);
        foreach (var segment in segments)
        {
            var expired = segment.NewestAt < cutoff;

            // Fail-closed never evicts: commits are refused before the bound is passed (LedgerRoom).
            if (!expired && (total <= options.LedgerMaxEntries || state.LedgerPolicy == LedgerPolicy.FailClosed))
            {
                break;
            }

            dropped.Add(segment);
            total -= segment.Count;
            if (!expired)
            {
                evicted += segment.Count;
            }
        }

        if (dropped.Count > 0)
        {
            segments = segments.RemoveRange(0, dropped.Count);
        }

        if (sealedRef is null && dropped.Count == 0 && expiredOpen.Count == 0)
        {
            return new Plan(state, null, sealedEntries, dropped, 0);
        }

        var counters = state.Counters with { LedgerEvictions = state.Counters.LedgerEvictions + evicted, LedgerKeys = total };
        var next = state with { OpenLedger = open, SealedSegments = segments, Counters = counters };
        return new Plan(next, sealedRef, sealedEntries, dropped, evicted);
    }

    public static long KeyCount(ConsumerPointerState state) => state.OpenLedger.Count + state.SealedSegments.Sum(s => (long)s.Count);
}
