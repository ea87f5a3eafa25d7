namespace Coordinator.Fences;

/// <summary>
/// What a background writer holds while it may write: a fencing token (strictly increasing per
/// lease, persisted before it is handed out, or taken from a block reserved in storage) plus the
/// region's epoch and INDEX_HASH at grant time.
/// A write sink checks the token before applying a write; a lower token is always stale.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LeaseToken")]
public sealed record LeaseToken
{
    /// <summary>The service the writer writes for.</summary>
    [Id(0)] public required string Service { get; init; }
    /// <summary>The region the writer writes in.</summary>
    [Id(1)] public required string Region { get; init; }
    /// <summary>The lease (writer) name, e.g. "indexer".</summary>
    [Id(2)] public required string Writer { get; init; }
    /// <summary>The process holding the lease (one of possibly many instances of the writer).</summary>
    [Id(3)] public required string HolderId { get; init; }
    /// <summary>Strictly increasing per lease; a sink refuses any token below the latest it knows.</summary>
    [Id(4)] public required long FencingToken { get; init; }
    /// <summary>The region's epoch when granted.</summary>
    [Id(5)] public required long Epoch { get; init; }
    /// <summary>The INDEX_HASH the writer must write to: the one pinned by the last unfreeze, else the active arm's.</summary>
    [Id(6)] public required string IndexHash { get; init; }
    /// <summary>When this token was granted or last renewed.</summary>
    [Id(7)] public required DateTimeOffset GrantedAt { get; init; }
    /// <summary>When the lease lapses unless renewed; writers renew at half the TTL.</summary>
    [Id(8)] public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The lease grain's key: "service/region/writer".</summary>
    public string LeaseKey => FenceKey.Format(Service, Region, Writer);
}

/// <summary>How an acquire or renew ended.</summary>
[GenerateSerializer]
[Alias("coordinator.LeaseGrantStatus")]
public enum LeaseGrantStatus
{
    /// <summary>The caller holds the lease: <see cref="LeaseGrant.Token"/> is set.</summary>
    Granted = 0,

    /// <summary>A campaign froze the writer; stop writing until it unfreezes.</summary>
    Frozen = 1,

    /// <summary>Another holder has an unexpired lease.</summary>
    Held = 2,

    /// <summary>The presented token was superseded (renew/release of an old grant).</summary>
    Stale = 3,

    /// <summary>The presented token's lease ran out or was released; acquire again.</summary>
    Expired = 4,
}

/// <summary>The answer to acquire and renew.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LeaseGrant")]
public sealed record LeaseGrant
{
    /// <summary>Whether the caller holds the lease now, and if not why.</summary>
    [Id(0)] public required LeaseGrantStatus Status { get; init; }
    /// <summary>The token to write with; set only when <see cref="LeaseGrantStatus.Granted"/>.</summary>
    [Id(1)] public LeaseToken? Token { get; init; }
    /// <summary>When Frozen: the campaign that froze the writer.</summary>
    [Id(2)] public string? FrozenBy { get; init; }
    /// <summary>When Held: the other holder's id.</summary>
    [Id(3)] public string? HeldBy { get; init; }
    /// <summary>When Held: when the other holder's lease lapses unless renewed; retry after it.</summary>
    [Id(4)] public DateTimeOffset? HeldUntil { get; init; }
    /// <summary>The highest token ever granted for the lease.</summary>
    [Id(5)] public long LatestFencingToken { get; init; }
}

/// <summary>A sink's verdict on a token: only Valid may be written with.</summary>
[GenerateSerializer]
[Alias("coordinator.LeaseValidity")]
public enum LeaseValidity
{
    /// <summary>The token is the current, unexpired grant: apply the write.</summary>
    Valid = 0,
    /// <summary>A newer token was granted: refuse the write, it may overwrite newer data.</summary>
    Stale = 1,
    /// <summary>The lease lapsed or was released: refuse the write.</summary>
    Expired = 2,
    /// <summary>A campaign froze the writer: refuse the write.</summary>
    Frozen = 3,
}

/// <summary>A sink's answer for one token.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LeaseValidation")]
public sealed record LeaseValidation
{
    /// <summary>Whether the token may write.</summary>
    [Id(0)] public required LeaseValidity Validity { get; init; }
    /// <summary>The highest token ever granted; a sink can refuse anything below it without asking again.</summary>
    [Id(1)] public required long LatestFencingToken { get; init; }
    /// <summary>When Frozen: the campaign that froze the writer.</summary>
    [Id(2)] public string? FrozenBy { get; init; }

    /// <summary>When Valid: the holder's expiry, which bounds how long a sink may cache the answer.</summary>
    [Id(3)] public DateTimeOffset? ValidUntil { get; init; }
}

/// <summary>A lease as the console shows it.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LeaseStatus")]
public sealed record LeaseStatus
{
    /// <summary>The lease (writer) name, the last part of the key "service/region/writer".</summary>
    [Id(0)] public required string Writer { get; init; }
    /// <summary>The current holder's token; null when nobody holds the lease.</summary>
    [Id(1)] public LeaseToken? Holder { get; init; }
    /// <summary>The highest token ever granted.</summary>
    [Id(2)] public required long LatestFencingToken { get; init; }
    /// <summary>The campaign that froze the writer; null when not frozen.</summary>
    [Id(3)] public string? FrozenBy { get; init; }
    /// <summary>The INDEX_HASH the last unfreeze pinned; null until a campaign unfreezes the writer.</summary>
    [Id(4)] public string? PinnedIndexHash { get; init; }
    /// <summary>Tokens granted so far.</summary>
    [Id(5)] public required long Grants { get; init; }
    /// <summary>Renewals and sink validations refused since the lease grain last activated (counted in memory: a restart or move resets it).</summary>
    [Id(6)] public required long Rejections { get; init; }
}
