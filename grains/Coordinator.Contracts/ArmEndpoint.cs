namespace Coordinator;

/// <summary>
/// Where one arm serves HTTP in one region: what an edge proxies to while the arm is active.
/// </summary>
/// <param name="Url">The upstream base URL: absolute http or https, no credentials, no query or fragment.</param>
/// <param name="HealthPath">The path the edge's active health check calls (e.g. "/healthz"); null for none.</param>
[GenerateSerializer, Immutable]
[Alias("coordinator.ArmEndpoint")]
public sealed record ArmEndpoint(
    [property: Id(0)] string Url,
    [property: Id(1)] string? HealthPath = null);
