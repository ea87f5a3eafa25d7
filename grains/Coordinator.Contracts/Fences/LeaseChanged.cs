namespace Coordinator.Fences;

/// <summary>Published on the lease stream after a grant, release, freeze or unfreeze is persisted.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LeaseChanged")]
public sealed record LeaseChanged
{
    [Id(0)] public required string LeaseKey { get; init; }
    [Id(1)] public required long LatestFencingToken { get; init; }

    /// <summary>The token that is valid now, if any (null when released, revoked or frozen).</summary>
    [Id(2)] public long? ValidToken { get; init; }
    [Id(3)] public DateTimeOffset? ValidUntil { get; init; }
    [Id(4)] public string? FrozenBy { get; init; }
}

/// <summary>Names of the lease change stream (same provider as flips).</summary>
public static class LeaseStream
{
    public const string Namespace = "coordinator.leases";
}
