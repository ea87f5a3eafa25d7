namespace Coordinator.Fences;

/// <summary>
/// What a background writer holds while it may write: a fencing token (strictly increasing per
/// lease, persisted before it is handed out) plus the region's epoch and INDEX_HASH at grant time.
/// A write sink checks the token before applying a write; a lower token is always stale.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LeaseToken")]
public sealed record LeaseToken
{
    [Id(0)] public required string Service { get; init; }
    [Id(1)] public required string Region { get; init; }
    [Id(2)] public required string Writer { get; init; }
    [Id(3)] public required string HolderId { get; init; }
    [Id(4)] public required long FencingToken { get; init; }
    [Id(5)] public required long Epoch { get; init; }
    [Id(6)] public required string IndexHash { get; init; }
    [Id(7)] public required DateTimeOffset GrantedAt { get; init; }
    [Id(8)] public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The lease grain's key: "service/region/writer".</summary>
    public string LeaseKey => FenceKey.Format(Service, Region, Writer);
}

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
    [Id(0)] public required LeaseGrantStatus Status { get; init; }
    [Id(1)] public LeaseToken? Token { get; init; }
    [Id(2)] public string? FrozenBy { get; init; }
    [Id(3)] public string? HeldBy { get; init; }
    [Id(4)] public DateTimeOffset? HeldUntil { get; init; }
    [Id(5)] public long LatestFencingToken { get; init; }
}

[GenerateSerializer]
[Alias("coordinator.LeaseValidity")]
public enum LeaseValidity
{
    Valid = 0,
    Stale = 1,
    Expired = 2,
    Frozen = 3,
}

/// <summary>A sink's answer for one token.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LeaseValidation")]
public sealed record LeaseValidation
{
    [Id(0)] public required LeaseValidity Validity { get; init; }
    [Id(1)] public required long LatestFencingToken { get; init; }
    [Id(2)] public string? FrozenBy { get; init; }

    /// <summary>When Valid: the holder's expiry, which bounds how long a sink may cache the answer.</summary>
    [Id(3)] public DateTimeOffset? ValidUntil { get; init; }
}

/// <summary>A lease as the console shows it.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LeaseStatus")]
public sealed record LeaseStatus
{
    [Id(0)] public required string Writer { get; init; }
    [Id(1)] public LeaseToken? Holder { get; init; }
    [Id(2)] public required long LatestFencingToken { get; init; }
    [Id(3)] public string? FrozenBy { get; init; }
    [Id(4)] public string? PinnedIndexHash { get; init; }
    [Id(5)] public required long Grants { get; init; }
    [Id(6)] public required long Rejections { get; init; }
}
