using Coordinator.Fences;

namespace Coordinator.Leases;

/// <summary>A writer lease's persisted state. The type name is part of the stored format: do not rename.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LeaseState")]
public sealed record LeaseState
{
    /// <summary>The highest fencing token ever granted; never decreases.</summary>
    [Id(0)] public long LatestToken { get; init; }

    /// <summary>The latest grant while it has not been released or revoked (it may have expired).</summary>
    [Id(1)] public LeaseToken? Holder { get; init; }

    [Id(2)] public string? FrozenBy { get; init; }

    /// <summary>INDEX_HASH given by the last unfreeze; used while the region stays at <see cref="PinnedEpoch"/>.</summary>
    [Id(3)] public string? PinnedIndexHash { get; init; }
    [Id(4)] public long PinnedEpoch { get; init; }
    [Id(5)] public string? LastUnfrozenBy { get; init; }
    [Id(6)] public long Grants { get; init; }
}
