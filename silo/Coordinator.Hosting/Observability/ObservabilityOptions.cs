namespace Coordinator.Hosting.Observability;

/// <summary>Where the silo's metrics and spans go, and the Orleans Dashboard; bound from "Coordinator:Observability".</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Coordinator:Observability";

    /// <summary>Serve the Coordinator and Orleans meters in Prometheus text format on the HTTP port.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>Where the scrape endpoint answers.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// False (the default): a scrape needs a bearer token of any API role, like every read (a scraper sends
    /// one with <c>authorization: {credentials: ...}</c>); when the API runs without authentication it is open
    /// like the API. True: no token, for scrapers that cannot send one (keep the port private then).
    /// </summary>
    public bool PrometheusAllowAnonymous { get; set; }

    /// <summary>An OTLP collector's address (e.g. http://otel-collector:4317); metrics and spans are pushed there. Unset: no OTLP.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>grpc (the default, port 4317) or http/protobuf (port 4318; the signal paths /v1/metrics and /v1/traces are added).</summary>
    public string OtlpProtocol { get; set; } = OtlpProtocols.Grpc;

    /// <summary>Push the campaign, step and flip spans over OTLP too (only when <see cref="OtlpEndpoint"/> is set).</summary>
    public bool OtlpTraces { get; set; } = true;

    /// <summary>Mount the Orleans Dashboard (grain-level views) behind the API's operator role.</summary>
    public bool OrleansDashboard { get; set; } = true;

    /// <summary>Where the Orleans Dashboard answers.</summary>
    public string OrleansDashboardPath { get; set; } = "/orleans-dashboard";

    /// <summary>True when metrics and spans are pushed over OTLP.</summary>
    public bool Otlp => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}

/// <summary>The values of <see cref="ObservabilityOptions.OtlpProtocol"/>.</summary>
public static class OtlpProtocols
{
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";
}
