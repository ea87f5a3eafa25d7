using System.Collections.Immutable;

namespace Coordinator.Domain;

/// <summary>
/// Keeps an audit chain's tail in state bounded: once the tail reaches <see cref="TailLimit"/> entries
/// it moves into a sealed segment of its own, so the state every command rewrites stays small however
/// long the history grows. Also verifies a chain across its segments and tail.
/// </summary>
public static class AuditSealing
{
    /// <summary>Entries a state keeps before its tail is sealed away.</summary>
    public const int TailLimit = 64;

    /// <summary>What a seal decided: the trail to store, and the segment to write first (null when the tail has room).</summary>
    public sealed record Plan(AuditTrail Next, AuditSegmentRef? Sealed, ImmutableList<AuditEntry> Entries);

    /// <summary>
    /// Seals a full tail. <paramref name="chain"/> names the chain among every chain's segments (kind
    /// and key, e.g. "lease/rag-api/eu-west/indexer"). The segment's id derives from the chain, the
    /// sealed range and its last hash, so deciding the same seal again names the same segment.
    /// </summary>
    public static Plan Seal(AuditTrail trail, string chain, int tailLimit = TailLimit)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentOutOfRangeException.ThrowIfLessThan(tailLimit, 1);
        if (trail.Tail.Count < tailLimit)
        {
            return new Plan(trail, null, []);
        }

        var entries = trail.Tail;
        var segment = new AuditSegmentRef(SegmentId(chain, entries[0].Sequence, entries[^1].Sequence, entries[^1].Hash), entries[0].Sequence, entries[^1].Sequence, entries[^1].Hash);
        return new Plan(trail with { Tail = [], Segments = trail.Segments.Add(segment) }, segment, entries);
    }

    /// <summary><see cref="Seal(AuditTrail, string, int)"/> on a state's chain.</summary>
    public static (T Next, Plan Plan) Seal<T>(T state, string chain, int tailLimit = TailLimit)
        where T : class, IAudited<T>
    {
        ArgumentNullException.ThrowIfNull(state);
        var plan = Seal(state.AuditTrail, chain, tailLimit);
        return (plan.Sealed is null ? state : state.WithAuditTrail(plan.Next), plan);
    }

    /// <summary>The id of the segment holding <paramref name="first"/>..<paramref name="last"/> of <paramref name="chain"/>, ending in <paramref name="lastHash"/>.</summary>
    public static string SegmentId(string chain, long first, long last, string lastHash) => $"{chain}/audit/{first}-{last}-{lastHash}";

    /// <summary>
    /// Verifies the whole chain: sealed entries (<paramref name="sealedEntries"/>[i] read from
    /// <paramref name="trail"/>'s segment i) then the tail, against the kept head and count; and that
    /// each segment holds exactly the range and last hash recorded when it was sealed.
    /// </summary>
    public static AuditVerification Verify(AuditTrail trail, IReadOnlyList<IReadOnlyList<AuditEntry>> sealedEntries, AuditKey? key)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(sealedEntries);
        if (sealedEntries.Count != trail.Segments.Count)
        {
            throw new ArgumentException($"{sealedEntries.Count} segments were read for a trail of {trail.Segments.Count}", nameof(sealedEntries));
        }

        var verification = AuditChain.Verify(Whole(trail, sealedEntries), key, trail.Head, trail.Count);
        var problems = new List<string>();
        for (var i = 0; i < trail.Segments.Count; i++)
        {
            var segment = trail.Segments[i];
            var entries = sealedEntries[i];
            if (entries.Count == 0 || entries[0].Sequence != segment.FirstSequence || entries[^1].Sequence != segment.LastSequence
                || !string.Equals(entries[^1].Hash, segment.LastHash, StringComparison.Ordinal))
            {
                problems.Add($"sealed segment {segment.FirstSequence}-{segment.LastSequence} does not hold what was sealed: entries were removed or altered");
            }
        }

        return problems.Count == 0
            ? verification
            : verification with { IsValid = false, Problems = [.. verification.Problems, .. problems] };
    }

    /// <summary>Sealed entries, oldest segment first, then the tail.</summary>
    public static IReadOnlyList<AuditEntry> Whole(AuditTrail trail, IReadOnlyList<IReadOnlyList<AuditEntry>> sealedEntries)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(sealedEntries);
        if (sealedEntries.Count == 0)
        {
            return trail.Tail;
        }

        var whole = new List<AuditEntry>(sealedEntries.Sum(s => s.Count) + trail.Tail.Count);
        foreach (var entries in sealedEntries)
        {
            whole.AddRange(entries);
        }

        whole.AddRange(trail.Tail);
        return whole;
    }
}
