namespace Coordinator;

/// <summary>Published on the flip stream of a (service, region) after a flip is persisted.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ArmFlipped")]
public sealed record ArmFlipped
{
    [Id(0)] public required ActiveArmView View { get; init; }
    [Id(1)] public required Arm From { get; init; }
    [Id(2)] public required string Operator { get; init; }
    [Id(3)] public required string Reason { get; init; }
}

/// <summary>Names shared by publishers and subscribers of flip notifications.</summary>
public static class FlipStream
{
    /// <summary>The stream provider name configured on silos and clients.</summary>
    public const string ProviderName = "flips";

    public const string Namespace = "coordinator.switchover.flips";

    /// <summary>
    /// In-memory queues behind the stream in embedded mode. Producers map a stream to a queue by this
    /// count, so silos and any client that produces must agree on it.
    /// </summary>
    public const int MemoryQueueCount = 2;

    /// <summary>The stream key within <see cref="Namespace"/>: the region's grain key.</summary>
    public static string Key(string service, string region) => RegionKey.Format(service, region);
}
