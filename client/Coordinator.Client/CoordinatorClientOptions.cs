namespace Coordinator.Client;

/// <summary>How a client reaches a cluster; must match the silos' "Coordinator" settings.</summary>
public sealed record CoordinatorClientOptions
{
    /// <summary>The configuration section these settings bind from, and the prefix of every validation message.</summary>
    public const string Section = "Coordinator";

    /// <summary>"embedded" (a localhost silo) or "azure" (Azure Table clustering).</summary>
    public string StorageMode { get; init; } = "embedded";

    /// <summary>The Orleans cluster id; must match the silos'.</summary>
    public string ClusterId { get; init; } = "coordinator";

    /// <summary>The Orleans service id; must match the silos'. Also names the change stream's Azure queues.</summary>
    public string ServiceId { get; init; } = "coordinator";

    /// <summary>The localhost gateway port in embedded mode.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The Azure Storage account for clustering and stream queues; required in azure mode, ignored in embedded mode.</summary>
    public string? AzureStorageConnectionString { get; init; }

    /// <summary>Azure queues behind the lease and campaign change stream (azure mode); must match the silos', or changes are missed.</summary>
    public int StreamQueueCount { get; init; } = 4;

    /// <summary>
    /// How often the client re-reads the gateway list (azure mode). A gateway that refused a connection is
    /// skipped at once; this bounds how long a silo that died or joined stays unknown to the client.
    /// </summary>
    public int GatewayListRefreshSeconds { get; init; } = 5;

    /// <summary>
    /// How long a call to a coordinator grain that Orleans rejected before it ran (its silo has just died and
    /// is not yet voted out) is retried, so a silo loss costs a retry rather than a failed command; 0 turns
    /// retries off. Calls that may have run are never retried.
    /// </summary>
    public int FailoverRetrySeconds { get; init; } = 15;

    /// <summary>Every problem with these settings, each naming its key; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (StorageMode is not ("embedded" or "azure"))
        {
            failures.Add($"{Section}:StorageMode: '{StorageMode}' is not a storage mode; use 'embedded' or 'azure'");
        }

        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            failures.Add($"{Section}:ClusterId: is required");
        }

        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            failures.Add($"{Section}:ServiceId: is required");
        }

        if (StorageMode == "embedded" && GatewayPort is < 1 or > 65535)
        {
            failures.Add($"{Section}:GatewayPort: {GatewayPort} is not a port (1-65535)");
        }

        if (StorageMode == "azure" && string.IsNullOrWhiteSpace(AzureStorageConnectionString))
        {
            failures.Add($"{Section}:AzureStorageConnectionString: is required in azure mode");
        }

        if (GatewayListRefreshSeconds is < 1 or > 300)
        {
            failures.Add($"{Section}:GatewayListRefreshSeconds: must be between 1 and 300 (got {GatewayListRefreshSeconds})");
        }

        if (FailoverRetrySeconds is < 0 or > 120)
        {
            failures.Add($"{Section}:FailoverRetrySeconds: must be between 0 and 120 (got {FailoverRetrySeconds})");
        }

        return failures;
    }
}
