using System.Collections.Immutable;
using Coordinator.Domain;
using Coordinator.Fences;

namespace Coordinator.Leases;

/// <summary>A writer lease's persisted state. The type name is part of the stored format: do not rename.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LeaseState")]
public sealed record LeaseState : IAudited<LeaseState>
{
    /// <summary>The highest fencing token ever granted; never decreases.</summary>
    [Id(0)] public long LatestToken { get; init; }

    /// <summary>
    /// The latest grant while it has not been released or revoked (it may have expired). Its <c>ExpiresAt</c> is the
    /// horizon (<see cref="LeaseRules.HorizonStep"/>): the holder's own expiry, renewed without a write, lies before it.
    /// </summary>
    [Id(1)] public LeaseToken? Holder { get; init; }

    [Id(2)] public string? FrozenBy { get; init; }

    /// <summary>INDEX_HASH given by the last unfreeze; used while the region stays at <see cref="PinnedEpoch"/>.</summary>
    [Id(3)] public string? PinnedIndexHash { get; init; }
    [Id(4)] public long PinnedEpoch { get; init; }
    [Id(5)] public string? LastUnfrozenBy { get; init; }
    [Id(6)] public long Grants { get; init; }

    /// <summary>The newest grants, freezes and unfreezes, keyed; older ones are sealed into <see cref="AuditSegments"/>. A grant happens when a writer starts or takes over, not per renewal.</summary>
    [Id(7)] public ImmutableList<AuditEntry> Audit { get; init; } = [];

    /// <summary>Head hash and count of <see cref="Audit"/>, kept apart so a truncated chain is detected.</summary>
    [Id(8)] public string AuditHead { get; init; } = AuditChain.Genesis;
    [Id(9)] public long AuditCount { get; init; }

    /// <summary>Sealed blocks of the audit chain, oldest first; with <see cref="Audit"/> they are the whole chain.</summary>
    [Id(10)] public ImmutableList<AuditSegmentRef> AuditSegments { get; init; } = [];

    /// <summary>
    /// The reserve: tokens above <see cref="LatestToken"/> up to this one may have been granted from memory by the
    /// activation that wrote it, without another write (<see cref="LeaseRules.ReserveBlock"/>). Any other activation
    /// numbers its grants above it. Equal to <see cref="LatestToken"/> (or below it, in states written before
    /// reserves) when every grant is recorded.
    /// </summary>
    [Id(11)] public long ReservedThrough { get; init; }

    /// <summary>
    /// Every expiry promised without a write (a grant from the reserve, a renewal in memory) lies at or before this,
    /// so an activation that cannot account for them grants nothing before it.
    /// </summary>
    [Id(12)] public DateTimeOffset ReservedUntil { get; init; }

    /// <summary>Set when an activation found reserved tokens no record accounts for: no grant before it.</summary>
    [Id(13)] public DateTimeOffset? UnrecordedUntil { get; init; }

    /// <summary>When the latest token was granted: a grant soon after another reserves a block ahead.</summary>
    [Id(14)] public DateTimeOffset LastGrantedAt { get; init; }

    /// <inheritdoc/>
    public AuditTrail AuditTrail => new() { Tail = Audit, Head = AuditHead, Count = AuditCount, Segments = AuditSegments };

    /// <inheritdoc/>
    public LeaseState WithAuditTrail(AuditTrail trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        return this with { Audit = trail.Tail, AuditHead = trail.Head, AuditCount = trail.Count, AuditSegments = trail.Segments };
    }

    /// <summary>A short text of what the lease holds, for audit before/after.</summary>
    public string Describe() =>
        $"token={LatestToken};holder={Holder?.HolderId ?? "-"};frozen_by={FrozenBy ?? "-"};"
        + $"pinned={PinnedIndexHash ?? "-"}@{PinnedEpoch}"
        + (ReservedThrough > LatestToken ? $";reserved_through={ReservedThrough}" : string.Empty);
}
