namespace Coordinator.Client.Connection;

/// <summary>
/// Connection settings as a command line gives them (the console's and the edge's flags); null means
/// "not given": the Coordinator__* variable, then the context, then the default decides.
/// </summary>
public sealed record ConnectionFlags
{
    /// <summary>--mode: "embedded" or "azure".</summary>
    public string? Mode { get; init; }

    /// <summary>--cluster-id.</summary>
    public string? ClusterId { get; init; }

    /// <summary>--service-id.</summary>
    public string? ServiceId { get; init; }

    /// <summary>--gateway-port (embedded mode).</summary>
    public int? GatewayPort { get; init; }

    /// <summary>--context: a saved connection; null for the current one, if any.</summary>
    public string? Context { get; init; }

    /// <summary>--connection-string (azure mode).</summary>
    public string? ConnectionString { get; init; }
}
