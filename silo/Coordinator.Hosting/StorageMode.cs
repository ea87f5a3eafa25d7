namespace Coordinator.Hosting;

/// <summary>Where a cluster keeps membership, grain state, reminders and stream subscriptions.</summary>
public static class StorageMode
{
    /// <summary>One in-process silo, everything in memory. For demos: nothing survives a restart.</summary>
    public const string Embedded = "embedded";

    /// <summary>Azure Table/Blob/Queue storage (Azurite locally): durable, any number of silos.</summary>
    public const string Azure = "azure";

    public static bool IsKnown(string? mode) => mode is Embedded or Azure;
}
