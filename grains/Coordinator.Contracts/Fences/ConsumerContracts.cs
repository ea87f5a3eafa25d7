using System.Collections.Immutable;

namespace Coordinator.Fences;

/// <summary>What a consumer pointer lets its CONSUMER_VER do.</summary>
[GenerateSerializer]
[Alias("coordinator.ConsumerMode")]
public enum ConsumerMode
{
    /// <summary>The active version consumes and commits.</summary>
    Consuming = 0,
    /// <summary>A campaign paused consumption (its Freeze step); instances drain and wait.</summary>
    Paused = 1,
    /// <summary>A move to another CONSUMER_VER is draining the current one.</summary>
    Moving = 2,
}

/// <summary>What a consumer instance should do next.</summary>
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
    /// <summary>Consume, pause or stop.</summary>
    [Id(0)] public required ConsumerDirectiveKind Kind { get; init; }

    /// <summary>The fencing token to commit with (Consume, and Pause while draining).</summary>
    [Id(1)] public long? Token { get; init; }

    /// <summary>Committed offsets to resume from, per partition.</summary>
    [Id(2)] public ImmutableSortedDictionary<int, long> Offsets { get; init; } = ImmutableSortedDictionary<int, long>.Empty;

    /// <summary>The version that may consume now; an instance of another version should stop.</summary>
    [Id(3)] public required string ActiveConsumerVer { get; init; }
    /// <summary>Why the instance is told to pause or stop; null for Consume.</summary>
    [Id(4)] public string? Reason { get; init; }
}

/// <summary>One side effect to record: the consumer applies it only on Accepted.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CommitRequest")]
public sealed record CommitRequest
{
    /// <summary>The partition, 0 to partitions-1.</summary>
    [Id(0)] public required int Partition { get; init; }
    /// <summary>The offset being committed; never below the partition's committed offset (only a reset moves it back).</summary>
    [Id(1)] public required long Offset { get; init; }
    /// <summary>Names the side effect (see the SDK's <c>IdempotencyKeys.Derive</c>); at most <see cref="ConsumerLimits.MaxKeyLength"/> characters.</summary>
    [Id(2)] public required string IdempotencyKey { get; init; }

    /// <summary>A hash of the side effect's payload: the same key with another payload is a conflict.</summary>
    [Id(3)] public required string PayloadHash { get; init; }

    /// <summary>The token from the last Consume directive; an older one is fenced.</summary>
    [Id(4)] public required long Token { get; init; }
    /// <summary>The committing instance's CONSUMER_VER; another than the active one is fenced.</summary>
    [Id(5)] public required string ConsumerVer { get; init; }
}

/// <summary>How a commit ended; only Accepted means "apply the side effect now".</summary>
[GenerateSerializer]
[Alias("coordinator.CommitOutcome")]
public enum CommitOutcome
{
    /// <summary>Recorded: apply the side effect.</summary>
    Accepted = 0,

    /// <summary>The key was seen before with the same payload: the first result is returned, nothing applied.</summary>
    Duplicate = 1,

    /// <summary>Stale token or a CONSUMER_VER that may not consume: nothing applied.</summary>
    Fenced = 2,

    /// <summary>The key was seen before with a different payload hash (like HTTP 409): nothing applied.</summary>
    Conflict = 3,

    /// <summary>
    /// A new key was refused because the group's idempotency ledger is full and its policy is
    /// <see cref="LedgerPolicy.FailClosed"/>: remembering it would forget a key before its retention.
    /// Nothing applied; the group is paused until the ledger has room (see <see cref="CommitResult.Reason"/>).
    /// </summary>
    LedgerFull = 4,
}

/// <summary>What a consumer group's pointer does when its idempotency ledger is full before its keys' retention ran out.</summary>
[GenerateSerializer]
[Alias("coordinator.LedgerPolicy")]
public enum LedgerPolicy
{
    /// <summary>Refuse new keys (<see cref="CommitOutcome.LedgerFull"/>) and pause the group: no key is forgotten early. The default.</summary>
    FailClosed = 0,

    /// <summary>Accept new keys and evict the oldest, counting them (<see cref="ConsumerCounters.LedgerEvictions"/>): a redelivery of an evicted key is accepted again.</summary>
    FailOpen = 1,
}

/// <summary>The answer to a commit.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CommitResult")]
public sealed record CommitResult
{
    /// <summary>Apply on Accepted; skip on Duplicate; stop and heartbeat on Fenced; report on Conflict.</summary>
    [Id(0)] public required CommitOutcome Outcome { get; init; }
    /// <summary>The partition committed to.</summary>
    [Id(1)] public required int Partition { get; init; }

    /// <summary>The partition's committed offset after this call.</summary>
    [Id(2)] public required long CommittedOffset { get; init; }

    /// <summary>Why it was not accepted; null when accepted.</summary>
    [Id(3)] public string? Reason { get; init; }

    /// <summary>For a duplicate: when the first commit with this key was accepted.</summary>
    [Id(4)] public DateTimeOffset? FirstAcceptedAt { get; init; }
}

/// <summary>Moves a consumer group to another CONSUMER_VER: drain, then hand over the offsets.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.MoveRequest")]
public sealed record MoveRequest
{
    /// <summary>The version that will consume after the move.</summary>
    [Id(0)] public required string ToConsumerVer { get; init; }
    /// <summary>Names the move; starting it again with the same key returns the same move.</summary>
    [Id(1)] public required string IdempotencyKey { get; init; }
    /// <summary>Who moves it; recorded in the pointer's audit.</summary>
    [Id(2)] public required string Operator { get; init; }
    /// <summary>Why; recorded in the pointer's audit.</summary>
    [Id(3)] public required string Reason { get; init; }

    /// <summary>How long to wait for every instance of the current version to acknowledge the pause.</summary>
    [Id(4)] public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>Where a move is.</summary>
[GenerateSerializer]
[Alias("coordinator.MoveState")]
public enum MoveState
{
    /// <summary>Waiting for every instance of the old version to acknowledge the pause.</summary>
    Draining = 0,
    /// <summary>The token was raised and the offsets handed to the new version.</summary>
    Completed = 1,

    /// <summary>The drain timed out; the previous version was resumed.</summary>
    Failed = 2,
}

/// <summary>One move of a consumer group and how far it got.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.MoveStatus")]
public sealed record MoveStatus
{
    /// <summary>The key the move was started with.</summary>
    [Id(0)] public required string IdempotencyKey { get; init; }
    /// <summary>The version consuming before the move.</summary>
    [Id(1)] public required string FromConsumerVer { get; init; }
    /// <summary>The version consuming after it.</summary>
    [Id(2)] public required string ToConsumerVer { get; init; }
    /// <summary>Draining, completed or failed.</summary>
    [Id(3)] public required MoveState State { get; init; }
    /// <summary>When the move started.</summary>
    [Id(4)] public required DateTimeOffset StartedAt { get; init; }
    /// <summary>When it completed or failed; null while draining.</summary>
    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>The request's reason, or why it failed.</summary>
    [Id(6)] public string? Reason { get; init; }

    /// <summary>Offsets handed to the new version (Completed only).</summary>
    [Id(7)] public ImmutableSortedDictionary<int, long> HandedOffsets { get; init; } = ImmutableSortedDictionary<int, long>.Empty;

    /// <summary>Instances of the old version that have not acknowledged the pause yet.</summary>
    [Id(8)] public ImmutableList<string> PendingInstances { get; init; } = [];
}

/// <summary>A consumer instance as last heard from.</summary>
/// <param name="InstanceId">The instance's id, unique within the group.</param>
/// <param name="ConsumerVer">The CONSUMER_VER it runs.</param>
/// <param name="LastHeartbeat">When it last heartbeat.</param>
/// <param name="Paused">It acknowledged a pause: its in-flight work is done.</param>
[GenerateSerializer, Immutable]
[Alias("coordinator.ConsumerInstance")]
public sealed record ConsumerInstance(
    [property: Id(0)] string InstanceId,
    [property: Id(1)] string ConsumerVer,
    [property: Id(2)] DateTimeOffset LastHeartbeat,
    [property: Id(3)] bool Paused);

/// <summary>What a consumer pointer's commits came to since it was created.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ConsumerCounters")]
public sealed record ConsumerCounters
{
    /// <summary>Commits accepted: side effects applied once.</summary>
    [Id(0)] public long SideEffectsAccepted { get; init; }
    /// <summary>Commits answered Duplicate: side effects not applied twice.</summary>
    [Id(1)] public long DedupeHits { get; init; }
    /// <summary>Commits refused as fenced (stale token or inactive version).</summary>
    [Id(2)] public long FencedAttempts { get; init; }
    /// <summary>Commits refused because a key came back with another payload hash.</summary>
    [Id(3)] public long Conflicts { get; init; }

    /// <summary>Keys currently remembered by the idempotency ledger.</summary>
    [Id(4)] public long LedgerKeys { get; init; }

    /// <summary>Keys dropped because the ledger hit its size bound before their retention ran out (fail-open only).</summary>
    [Id(5)] public long LedgerEvictions { get; init; }

    /// <summary>New keys refused because the ledger was full (fail-closed only).</summary>
    [Id(6)] public long LedgerFullRefusals { get; init; }
}

/// <summary>A consumer pointer as the console shows it.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ConsumerPointerStatus")]
public sealed record ConsumerPointerStatus
{
    /// <summary>The consumer group, the last part of the pointer's key "service/region/group".</summary>
    [Id(0)] public required string Group { get; init; }
    /// <summary>The version that may consume; null before the pointer is configured.</summary>
    [Id(1)] public string? ActiveConsumerVer { get; init; }
    /// <summary>Consuming, paused or moving.</summary>
    [Id(2)] public required ConsumerMode Mode { get; init; }
    /// <summary>The fencing token commits must carry; raised by every move.</summary>
    [Id(3)] public required long Token { get; init; }
    /// <summary>The committed offset per partition (every configured partition, 0 until its first commit).</summary>
    [Id(4)] public ImmutableSortedDictionary<int, long> Offsets { get; init; } = ImmutableSortedDictionary<int, long>.Empty;
    /// <summary>The instances that have heartbeat: version, last heartbeat and whether they acknowledged a pause.</summary>
    [Id(5)] public ImmutableList<ConsumerInstance> Instances { get; init; } = [];
    /// <summary>Commit counters and the ledger's size.</summary>
    [Id(6)] public required ConsumerCounters Counters { get; init; }
    /// <summary>The move in progress; null when none is.</summary>
    [Id(7)] public MoveStatus? CurrentMove { get; init; }
    /// <summary>The campaign that paused the pointer; null when not paused.</summary>
    [Id(8)] public string? PausedBy { get; init; }

    /// <summary>What happens when the idempotency ledger is full: refuse new keys (the default) or evict the oldest.</summary>
    [Id(9)] public LedgerPolicy LedgerPolicy { get; init; }

    /// <summary>Why the group is paused because its ledger is full (fail-closed); null when it has room.</summary>
    [Id(10)] public string? LedgerFullReason { get; init; }
}
