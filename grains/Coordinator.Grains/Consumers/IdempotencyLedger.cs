using System.Collections.Immutable;

namespace Coordinator.Grains.Consumers;

/// <summary>One accepted side effect, remembered by its idempotency key.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LedgerEntry")]
public sealed record LedgerEntry(
    [property: Id(0)] string Key,
    [property: Id(1)] string PayloadHash,
    [property: Id(2)] int Partition,
    [property: Id(3)] long CommittedOffset,
    [property: Id(4)] DateTimeOffset AcceptedAt);

/// <summary>
/// Idempotency keys of accepted side effects, oldest first. Bounded two ways: keys older than the
/// retention window expire, and past <c>maxEntries</c> the oldest are evicted (and counted, since a
/// replay of an evicted key would no longer be caught). Immutable so it rides in grain state.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.IdempotencyLedger")]
public sealed record IdempotencyLedger
{
    public static readonly IdempotencyLedger Empty = new();

    [Id(0)] public ImmutableDictionary<string, LedgerEntry> Entries { get; init; } = ImmutableDictionary<string, LedgerEntry>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Keys in acceptance order, so expiry and eviction take from the front.</summary>
    [Id(1)] public ImmutableList<string> Order { get; init; } = [];

    public int Count => Entries.Count;

    public LedgerEntry? Find(string key) => Entries.GetValueOrDefault(key);

    /// <summary>Adds <paramref name="entry"/>, then expires and compacts; returns how many were evicted early.</summary>
    public (IdempotencyLedger Ledger, int Evicted) Add(LedgerEntry entry, TimeSpan retention, int maxEntries)
    {
        var next = this with { Entries = Entries.SetItem(entry.Key, entry), Order = Order.Add(entry.Key) };
        return next.Compact(entry.AcceptedAt, retention, maxEntries);
    }

    /// <summary>Drops expired keys, then the oldest beyond <paramref name="maxEntries"/>.</summary>
    public (IdempotencyLedger Ledger, int Evicted) Compact(DateTimeOffset now, TimeSpan retention, int maxEntries)
    {
        var cutoff = now - retention;
        var drop = 0;
        while (drop < Order.Count && Entries[Order[drop]].AcceptedAt < cutoff)
        {
            drop++;
        }

        var evicted = Math.Max(0, Order.Count - drop - maxEntries);
        drop += evicted;
        if (drop == 0)
        {
            return (this, 0);
        }

        var removed = Order.GetRange(0, drop);
        return (this with { Entries = Entries.RemoveRange(removed), Order = Order.RemoveRange(0, drop) }, evicted);
    }
}
