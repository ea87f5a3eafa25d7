using System.Net;

namespace Coordinator.Edge;

/// <summary>One service behind the edge: which requests are its (host and/or path prefix).</summary>
/// <param name="Service">The service whose pointer decides the arm, e.g. "rag-api".</param>
/// <param name="PathPrefix">Requests under this prefix (e.g. "/rag-api") are the service's; the prefix is removed before forwarding. Null for every path.</param>
/// <param name="Hosts">Requests for these hosts (e.g. "rag.example.com", "*.example.com") are the service's; empty for any host.</param>
public sealed record EdgeService(string Service, string? PathPrefix = null, IReadOnlyList<string>? Hosts = null)
{
    /// <summary>The hosts, never null.</summary>
    public IReadOnlyList<string> HostNames => Hosts ?? [];
}

/// <summary>What one edge serves: a region, its services, where it listens, how it checks arms.</summary>
public sealed record EdgeOptions
{
    /// <summary>The region whose pointers route this edge's requests.</summary>
    public required string Region { get; init; }

    /// <summary>The services behind the edge; at least one.</summary>
    public required IReadOnlyList<EdgeService> Services { get; init; }

    /// <summary>Where the edge listens; port 0 picks a free port (tests, the demo).</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>How often an arm's health path is called (when its endpoint has one). Between 100 ms and 5 min.</summary>
    public TimeSpan HealthCheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one health call may take. Between 100 ms and 1 min.</summary>
    public TimeSpan HealthCheckTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a destination marked unhealthy by failed requests stays so. Between 1 s and 10 min.</summary>
    public TimeSpan PassiveReactivationPeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often request telemetry is sent to the coordinator. Between 100 ms and 60 s.</summary>
    public TimeSpan TelemetryFlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the resolver re-reads the pointers in case a flip notification was lost. Between 1 s and 10 min.</summary>
    public TimeSpan PointerRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);
}
