namespace Coordinator.Grains;

/// <summary>Grain storage provider names the silo must configure.</summary>
public static class StorageNames
{
    /// <summary>Where pointers, leases and campaigns keep their state.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>Orleans' stream subscription store (the name streams look for).</summary>
    public const string PubSub = "PubSubStore";
}
