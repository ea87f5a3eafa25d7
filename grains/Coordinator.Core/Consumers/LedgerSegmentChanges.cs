namespace Coordinator.Consumers;

/// <summary>
/// How a pointer's list of sealed segments changed between two confirmed states: what the in-memory
/// index must forget (and storage may clear), and what it must learn (our own seal, or one another
/// activation wrote). Lets the index follow the confirmed state, whoever wrote it.
/// </summary>
public sealed record LedgerSegmentChanges(IReadOnlyList<LedgerSegmentRef> Removed, IReadOnlyList<LedgerSegmentRef> Added)
{
    public static readonly LedgerSegmentChanges None = new([], []);

    public bool IsEmpty => Removed.Count == 0 && Added.Count == 0;

    public static LedgerSegmentChanges Between(IReadOnlyList<LedgerSegmentRef> before, IReadOnlyList<LedgerSegmentRef> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (ReferenceEquals(before, after))
        {
            return None;
        }

        return Sliding(before, after) ?? Anyhow(before, after);
    }

    /// <summary>
    /// The usual shape, in time linear in the list: the oldest segments drop off the front (expiry,
    /// eviction) and new seals are appended. Null when the lists do not have that shape.
    /// </summary>
    private static LedgerSegmentChanges? Sliding(IReadOnlyList<LedgerSegmentRef> before, IReadOnlyList<LedgerSegmentRef> after)
    {
        var dropped = 0;
        if (after.Count > 0)
        {
            while (dropped < before.Count && !Same(before[dropped], after[0]))
            {
                dropped++;
            }
        }
        else
        {
            dropped = before.Count;
        }

        var kept = before.Count - dropped;
        if (kept > after.Count)
        {
            return null;
        }

        for (var i = 0; i < kept; i++)
        {
            if (!Same(before[dropped + i], after[i]))
            {
                return null;
            }
        }

        var removed = before.Take(dropped).ToList();
        var added = after.Skip(kept).ToList();

        // A segment both dropped and added would be cleared from storage and then read: not this shape.
        if (removed.Count > 0 && added.Count > 0)
        {
            var removedIds = removed.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            if (added.Any(s => removedIds.Contains(s.Id)))
            {
                return null;
            }
        }

        return new LedgerSegmentChanges(removed, added);
    }

    /// <summary>Any other shape: a set difference, each side in its list's order.</summary>
    private static LedgerSegmentChanges Anyhow(IReadOnlyList<LedgerSegmentRef> before, IReadOnlyList<LedgerSegmentRef> after)
    {
        var beforeIds = before.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var afterIds = after.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return new LedgerSegmentChanges([.. before.Where(s => !afterIds.Contains(s.Id))], [.. after.Where(s => !beforeIds.Contains(s.Id))]);
    }

    // States written by this activation share the records; states read back from storage do not.
    private static bool Same(LedgerSegmentRef a, LedgerSegmentRef b) => ReferenceEquals(a, b) || string.Equals(a.Id, b.Id, StringComparison.Ordinal);
}
