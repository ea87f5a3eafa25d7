using System.Collections.Immutable;
using Coordinator.Domain;
using Coordinator.Fences;

namespace Coordinator.Consumers;

/// <summary>A consumer pointer's persisted state. The type name is part of the stored format: do not rename.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ConsumerPointerState")]
public sealed record ConsumerPointerState
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
    [Id(11)] public ImmutableList<AuditEntry> Audit { get; init; } = [];
    [Id(12)] public string AuditHead { get; init; } = AuditChain.Genesis;
    [Id(13)] public DateTimeOffset? MoveDeadline { get; init; }

    /// <summary>Sealed ledger segments, oldest first.</summary>
    [Id(14)] public ImmutableList<LedgerSegmentRef> SealedSegments { get; init; } = [];

    /// <summary>What a full ledger does; a state stored before this field existed reads as fail-closed.</summary>
    [Id(15)] public LedgerPolicy LedgerPolicy { get; init; }

    /// <summary>When a fail-closed ledger first refused a key for lack of room; null while it has room.</summary>
    [Id(16)] public DateTimeOffset? LedgerFullSince { get; init; }
}
