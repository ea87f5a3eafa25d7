using System.Collections.Immutable;

namespace Coordinator.Domain;

/// <summary>
/// One audit chain as its owner keeps it: the newest entries in state (<see cref="Tail"/>), older ones
/// sealed into segments, and the head hash and count kept apart so a truncated chain is detected. The
/// owner's state stores the four as fields of its own; this is the view every chain shares.
/// </summary>
public sealed record AuditTrail
{
    /// <summary>The newest entries, oldest first; the state rewritten by every command holds only these.</summary>
    public ImmutableList<AuditEntry> Tail { get; init; } = [];

    /// <summary>The last entry's hash; <see cref="AuditChain.Genesis"/> for an empty chain.</summary>
    public string Head { get; init; } = AuditChain.Genesis;

    /// <summary>Entries in the whole chain, sealed and tail.</summary>
    public long Count { get; init; }

    /// <summary>Sealed blocks, oldest first; with <see cref="Tail"/> they are the whole chain.</summary>
    public ImmutableList<AuditSegmentRef> Segments { get; init; } = [];

    /// <summary>This trail with one keyed entry appended after its head.</summary>
    public AuditTrail Append(AuditKey key, DateTimeOffset at, string operatorName, string command, string detail, string before, string after)
    {
        var entry = AuditChain.Append(key, Count, Head, at, operatorName, command, detail, before, after);
        return this with { Tail = Tail.Add(entry), Head = entry.Hash, Count = Count + 1 };
    }
}

/// <summary>A persisted state that keeps an audit chain.</summary>
public interface IAudited<TSelf>
    where TSelf : class, IAudited<TSelf>
{
    /// <summary>The chain as this state holds it.</summary>
    AuditTrail AuditTrail { get; }

    /// <summary>This state holding <paramref name="trail"/> instead.</summary>
    TSelf WithAuditTrail(AuditTrail trail);

    /// <summary>A short text of what the state holds, for an entry's before and after.</summary>
    string Describe();
}

/// <summary>Appending to any <see cref="IAudited{TSelf}"/> state's chain.</summary>
public static class AuditedStates
{
    /// <summary><paramref name="after"/> with one keyed entry appended to <paramref name="before"/>'s chain, describing both.</summary>
    public static T Audited<T>(this T before, T after, DateTimeOffset now, AuditKey auditKey, string operatorName, string command, string detail)
        where T : class, IAudited<T>
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return after.WithAuditTrail(before.AuditTrail.Append(auditKey, now, operatorName, command, detail, before.Describe(), after.Describe()));
    }
}
