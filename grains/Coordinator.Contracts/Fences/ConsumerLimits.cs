namespace Coordinator.Fences;

/// <summary>What a consumer pointer accepts, shared so clients can check before they call.</summary>
public static class ConsumerLimits
{
    /// <summary>Most partitions one consumer group may have.</summary>
    public const int MaxPartitions = 4096;

    /// <summary>Longest instance id, idempotency key or payload hash.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>Shortest drain a move may be given.</summary>
    public static readonly TimeSpan MinDrainTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Longest drain a move may be given.</summary>
    public static readonly TimeSpan MaxDrainTimeout = TimeSpan.FromMinutes(30);
}
