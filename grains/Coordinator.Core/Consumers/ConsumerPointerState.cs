using System.Collections.Immutable;
using Coordinator.Domain;
using Coordinator.Fences;

namespace Coordinator.Consumers;

/// <summary>A consumer pointer's persisted state. The type name is part of the stored format: do not rename.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ConsumerPointerState")]
public sealed record ConsumerPointerState : IAudited<ConsumerPointerState>
{
    [Id(0)] public string? ActiveConsumerVer { get; init; }
    [Id(1)] public ConsumerMode Mode { get; init; }

    /// <summary>The fencing token commits must carry; raised by every completed move.</summary>
    [Id(2)] public long Token { get; init; }
    [Id(3)] public int Partitions { get; init; }
    [Id(4)] public ImmutableSortedDictionary<int, long> Offsets { get; init; } = ImmutableSortedDictionary<int, long>.Empty;
    [Id(5)] public ImmutableSortedDictionary<string, ConsumerInstance> Instances { get; init; } = ImmutableSortedDictionary<string, ConsumerInstance>.Empty.WithComparers(StringComparer.Ordinal);
    [Id(6)] public ConsumerCounters Counters { get; init; } = new();

    /// <summary>The move being drained, if any.</summary>
    [Id(7)] public MoveStatus? CurrentMove { get; init; }

    /// <summary>Finished moves, newest last, bounded: answers replays of a move's idempotency key.</summary>
    [Id(8)] public ImmutableList<MoveStatus> PastMoves { get; init; } = [];
    [Id(9)] public string? PausedBy { get; init; }
    /// <summary>Idempotency keys accepted since the last segment was sealed.</summary>
    [Id(10)] public ImmutableDictionary<string, LedgerEntry> OpenLedger { get; init; } = ImmutableDictionary<string, LedgerEntry>.Empty.WithComparers(StringComparer.Ordinal);
    /// <summary>The newest configures, pauses, resumes, moves, resets and ledger-full changes, keyed; older ones are sealed into <see cref="AuditSegments"/>.</summary>
    [Id(11)] public ImmutableList<AuditEntry> Audit { get; init; } = [];

    /// <summary>Head hash of the chain, kept apart (with <see cref="AuditCount"/>) so a truncated chain is detected.</summary>
    [Id(12)] public string AuditHead { get; init; } = AuditChain.Genesis;
    [Id(13)] public DateTimeOffset? MoveDeadline { get; init; }

    /// <summary>Sealed ledger segments, oldest first.</summary>
    [Id(14)] public ImmutableList<LedgerSegmentRef> SealedSegments { get; init; } = [];

    /// <summary>What a full ledger does; a state stored before this field existed reads as fail-closed.</summary>
    [Id(15)] public LedgerPolicy LedgerPolicy { get; init; }

    /// <summary>When a fail-closed ledger first refused a key for lack of room; null while it has room.</summary>
    [Id(16)] public DateTimeOffset? LedgerFullSince { get; init; }

    /// <summary>Entries in the whole chain. A state stored before this field existed reads 0 with its whole chain in <see cref="Audit"/>.</summary>
    [Id(17)] public long AuditCount { get; init; }

    /// <summary>Sealed blocks of the audit chain, oldest first; with <see cref="Audit"/> they are the whole chain.</summary>
    [Id(18)] public ImmutableList<AuditSegmentRef> AuditSegments { get; init; } = [];

    /// <inheritdoc/>
    public AuditTrail AuditTrail => new()
    {
        Tail = Audit,
        Head = AuditHead,

        // Stored before the count was kept: nothing was ever sealed, so the tail is the whole chain.
        Count = AuditCount == 0 && AuditSegments.Count == 0 ? Audit.Count : AuditCount,
        Segments = AuditSegments,
    };

    /// <inheritdoc/>
    public ConsumerPointerState WithAuditTrail(AuditTrail trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        return this with { Audit = trail.Tail, AuditHead = trail.Head, AuditCount = trail.Count, AuditSegments = trail.Segments };
    }

    /// <summary>A short text of what the pointer holds, for audit before/after.</summary>
    public string Describe() =>
        $"ver={ActiveConsumerVer ?? "-"};mode={Mode};token={Token};paused_by={PausedBy ?? "-"};move={CurrentMove?.ToConsumerVer ?? "-"}";
}
