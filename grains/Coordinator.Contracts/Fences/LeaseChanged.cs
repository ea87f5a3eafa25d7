namespace Coordinator.Fences;

/// <summary>Published on the lease stream after a grant, release, freeze or unfreeze is persisted.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LeaseChanged")]
public sealed record LeaseChanged
{
    /// <summary>The lease's grain key, "service/region/writer" (<see cref="FenceKey"/>).</summary>
    [Id(0)] public required string LeaseKey { get; init; }
    /// <summary>The highest fencing token ever granted for this lease; a sink may reject anything below it.</summary>
    [Id(1)] public required long LatestFencingToken { get; init; }

    /// <summary>The token that is valid now, if any (null when released, revoked or frozen).</summary>
    [Id(2)] public long? ValidToken { get; init; }
    /// <summary>When <see cref="ValidToken"/> expires unless renewed; null when there is no valid token.</summary>
    [Id(3)] public DateTimeOffset? ValidUntil { get; init; }
    /// <summary>The campaign that froze the lease; null when not frozen. While set no token is granted.</summary>
    [Id(4)] public string? FrozenBy { get; init; }
}

/// <summary>Names of the lease change stream (same provider as flips).</summary>
public static class LeaseStream
{
    /// <summary>The stream namespace; the stream key is the lease key, on <see cref="FlipStream.ProviderName"/>.</summary>
    public const string Namespace = "coordinator.leases";
}
