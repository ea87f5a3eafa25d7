namespace Coordinator.Grains;

/// <summary>Grain storage provider names the silo must configure.</summary>
public static class StorageNames
{
    /// <summary>Where pointers, leases and campaigns keep their state.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>Orleans' stream subscription store (the name streams look for).</summary>
    public const string PubSub = "PubSubStore";
}

/// <summary>
/// What kind of storage <see cref="StorageNames.Coordinator"/> is, registered by the host: in-memory storage (embedded
/// mode) lives in the silo's own grains and ends with it, so a grain going down with the silo has nothing to leave there.
/// </summary>
public sealed record CoordinatorStorageKind(bool InMemory);
