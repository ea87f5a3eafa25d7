using System.Collections.Immutable;

namespace Coordinator.Fences;

[GenerateSerializer]
[Alias("coordinator.ConsumerMode")]
public enum ConsumerMode
{
    Consuming = 0,
    Paused = 1,
    Moving = 2,
}

[GenerateSerializer]
[Alias("coordinator.ConsumerDirectiveKind")]
public enum ConsumerDirectiveKind
{
    /// <summary>Consume and commit with <see cref="ConsumerDirective.Token"/>.</summary>
    Consume = 0,

    /// <summary>Finish in-flight work, stop taking new messages, heartbeat with paused=true.</summary>
    Pause = 1,

    /// <summary>This CONSUMER_VER may not consume here: stop.</summary>
    Stop = 2,
}

/// <summary>What a consumer instance is told on each heartbeat.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ConsumerDirective")]
public sealed record ConsumerDirective
{
    [Id(0)] public required ConsumerDirectiveKind Kind { get; init; }

    /// <summary>The fencing token to commit with (Consume, and Pause while draining).</summary>
    [Id(1)] public long? Token { get; init; }

    /// <summary>Committed offsets to resume from, per partition.</summary>
    [Id(2)] public ImmutableSortedDictionary<int, long> Offsets { get; init; } = ImmutableSortedDictionary<int, long>.Empty;

    [Id(3)] public required string ActiveConsumerVer { get; init; }
    [Id(4)] public string? Reason { get; init; }
}

/// <summary>One side effect to record: the consumer applies it only on Accepted.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CommitRequest")]
public sealed record CommitRequest
{
    [Id(0)] public required int Partition { get; init; }
    [Id(1)] public required long Offset { get; init; }
    [Id(2)] public required string IdempotencyKey { get; init; }

    /// <summary>A hash of the side effect's payload: the same key with another payload is a conflict.</summary>
    [Id(3)] public required string PayloadHash { get; init; }

    [Id(4)] public required long Token { get; init; }
    [Id(5)] public required string ConsumerVer { get; init; }
}

[GenerateSerializer]
[Alias("coordinator.CommitOutcome")]
public enum CommitOutcome
{
    Accepted = 0,

    /// <summary>The key was seen before with the same payload: the first result is returned, nothing applied.</summary>
    Duplicate = 1,

    /// <summary>Stale token or a CONSUMER_VER that may not consume: nothing applied.</summary>
    Fenced = 2,

    /// <summary>The key was seen before with a different payload hash (like HTTP 409): nothing applied.</summary>
    Conflict = 3,
}

[GenerateSerializer, Immutable]
[Alias("coordinator.CommitResult")]
public sealed record CommitResult
{
    [Id(0)] public required CommitOutcome Outcome { get; init; }
    [Id(1)] public required int Partition { get; init; }

    /// <summary>The partition's committed offset after this call.</summary>
    [Id(2)] public required long CommittedOffset { get; init; }

    [Id(3)] public string? Reason { get; init; }

    /// <summary>For a duplicate: when the first commit with this key was accepted.</summary>
    [Id(4)] public DateTimeOffset? FirstAcceptedAt { get; init; }
}

[GenerateSerializer, Immutable]
[Alias("coordinator.MoveRequest")]
public sealed record MoveRequest
{
    [Id(0)] public required string ToConsumerVer { get; init; }
    [Id(1)] public required string IdempotencyKey { get; init; }
    [Id(2)] public required string Operator { get; init; }
    [Id(3)] public required string Reason { get; init; }

    /// <summary>How long to wait for every instance of the current version to acknowledge the pause.</summary>
    [Id(4)] public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

[GenerateSerializer]
[Alias("coordinator.MoveState")]
public enum MoveState
{
    Draining = 0,
    Completed = 1,

    /// <summary>The drain timed out; the previous version was resumed.</summary>
    Failed = 2,
}

[GenerateSerializer, Immutable]
[Alias("coordinator.MoveStatus")]
public sealed record MoveStatus
{
    [Id(0)] public required string IdempotencyKey { get; init; }
    [Id(1)] public required string FromConsumerVer { get; init; }
    [Id(2)] public required string ToConsumerVer { get; init; }
    [Id(3)] public required MoveState State { get; init; }
    [Id(4)] public required DateTimeOffset StartedAt { get; init; }
    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }
    [Id(6)] public string? Reason { get; init; }

    /// <summary>Offsets handed to the new version (Completed only).</summary>
    [Id(7)] public ImmutableSortedDictionary<int, long> HandedOffsets { get; init; } = ImmutableSortedDictionary<int, long>.Empty;

    /// <summary>Instances of the old version that have not acknowledged the pause yet.</summary>
    [Id(8)] public ImmutableList<string> PendingInstances { get; init; } = [];
}

[GenerateSerializer, Immutable]
[Alias("coordinator.ConsumerInstance")]
public sealed record ConsumerInstance(
    [property: Id(0)] string InstanceId,
    [property: Id(1)] string ConsumerVer,
    [property: Id(2)] DateTimeOffset LastHeartbeat,
    [property: Id(3)] bool Paused);

[GenerateSerializer, Immutable]
[Alias("coordinator.ConsumerCounters")]
public sealed record ConsumerCounters
{
    [Id(0)] public long SideEffectsAccepted { get; init; }
    [Id(1)] public long DedupeHits { get; init; }
    [Id(2)] public long FencedAttempts { get; init; }
    [Id(3)] public long Conflicts { get; init; }

    /// <summary>Keys currently remembered by the idempotency ledger.</summary>
    [Id(4)] public long LedgerKeys { get; init; }

    /// <summary>Keys dropped because the ledger hit its size bound before their retention ran out.</summary>
    [Id(5)] public long LedgerEvictions { get; init; }
}

[GenerateSerializer, Immutable]
[Alias("coordinator.ConsumerPointerStatus")]
public sealed record ConsumerPointerStatus
{
    [Id(0)] public required string Group { get; init; }
    [Id(1)] public string? ActiveConsumerVer { get; init; }
    [Id(2)] public required ConsumerMode Mode { get; init; }
    [Id(3)] public required long Token { get; init; }
    [Id(4)] public ImmutableSortedDictionary<int, long> Offsets { get; init; } = ImmutableSortedDictionary<int, long>.Empty;
    [Id(5)] public ImmutableList<ConsumerInstance> Instances { get; init; } = [];
    [Id(6)] public required ConsumerCounters Counters { get; init; }
    [Id(7)] public MoveStatus? CurrentMove { get; init; }
    [Id(8)] public string? PausedBy { get; init; }
}
