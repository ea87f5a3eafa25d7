namespace Coordinator;

/// <summary>Published on the flip stream of a (service, region) after a flip is persisted.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.ArmFlipped")]
public sealed record ArmFlipped
{
    /// <summary>The region as persisted after the flip: new active arm and epoch.</summary>
    [Id(0)] public required ActiveArmView View { get; init; }
    /// <summary>The arm that was active before the flip.</summary>
    [Id(1)] public required Arm From { get; init; }
    /// <summary>Who asked for the flip, as given in its <see cref="FlipRequest"/>.</summary>
    [Id(2)] public required string Operator { get; init; }
    /// <summary>Why, as given with the flip request.</summary>
    [Id(3)] public required string Reason { get; init; }
}

/// <summary>Names shared by publishers and subscribers of flip notifications.</summary>
public static class FlipStream
{
    /// <summary>
    /// The stream provider name configured on silos and clients for lease and campaign changes: an Azure queue in
    /// azure mode, so a change announced survives the silo that announced it.
    /// </summary>
    public const string ProviderName = "flips";

    /// <summary>
    /// The stream provider for <see cref="ArmFlipped"/> events: in-memory queues in both storage modes, so a flip
    /// writes nothing to storage but its own state. It is a second path beside the pushed notice (resolvers that
    /// follow it, the edge, the API's views), and both fall back on re-reads: a flip announced after its answer is
    /// lost with its silo either way, durable queue or not.
    /// </summary>
    public const string NoticeProviderName = "flip-notices";

    /// <summary>The stream namespace; the stream key is <see cref="Key"/>.</summary>
    public const string Namespace = "coordinator.switchover.flips";

    /// <summary>
    /// In-memory queues behind <see cref="NoticeProviderName"/> (and <see cref="ProviderName"/> in embedded mode).
    /// Producers map a stream to a queue by this count, so silos and any client that produces must agree on it.
    /// </summary>
    public const int MemoryQueueCount = 2;

    /// <summary>The stream key within <see cref="Namespace"/>: the region's grain key.</summary>
    public static string Key(string service, string region) => RegionKey.Format(service, region);
}
