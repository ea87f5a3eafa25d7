using System.Globalization;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Coordinator.Edge.Routing;

/// <summary>Turns the current <see cref="ArmRoute"/>s into YARP routes and clusters: one route and one single-destination cluster per service.</summary>
internal static class ProxyConfigBuilder
{
    public const string ServiceKey = "coordinator.service";
    public const string ArmKey = "coordinator.arm";
    public const string EpochKey = "coordinator.epoch";

    public static EdgeProxyConfig Build(IEnumerable<ArmRoute> routes, EdgeOptions options)
    {
        var list = routes.ToList();
        return new EdgeProxyConfig([.. list.Select(Route)], [.. list.Select(r => Cluster(r, options))]);
    }

    private static RouteConfig Route(ArmRoute route)
    {
        var service = route.Service;
        return new RouteConfig
        {
            RouteId = service.Service,
            ClusterId = route.ClusterId,
            Match = new RouteMatch
            {
                Path = (service.PathPrefix ?? string.Empty) + "/{**rest}",
                Hosts = service.HostNames.Count > 0 ? service.HostNames : null,
            },
            // The upstream serves at its own root: /rag-api/ask reaches the arm as /ask.
            Transforms = service.PathPrefix is { } prefix
                ? [new Dictionary<string, string> { ["PathRemovePrefix"] = prefix }]
                : null,
        };
    }

    private static ClusterConfig Cluster(ArmRoute route, EdgeOptions options)
    {
        var metadata = new Dictionary<string, string>
        {
            [ServiceKey] = route.Service.Service,
            [ArmKey] = route.Active?.Arm.ToWire() ?? string.Empty,
            [EpochKey] = route.Epoch.ToString(CultureInfo.InvariantCulture),
            [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = "2",
        };

        var destinations = route.Endpoint is { } endpoint
            ? new Dictionary<string, DestinationConfig>(StringComparer.Ordinal)
            {
                [route.DestinationId] = new() { Address = endpoint.Url, Metadata = metadata },
            }
            : new Dictionary<string, DestinationConfig>(StringComparer.Ordinal);

        return new ClusterConfig
        {
            ClusterId = route.ClusterId,
            Destinations = destinations,
            Metadata = metadata,
            HealthCheck = new HealthCheckConfig
            {
                // Deliberate: with one destination, "HealthyAndUnknown" would answer an unhealthy arm's
                // requests with an empty 503 for the whole reactivation period, even after the arm
                // recovers. The edge keeps sending to the active arm; its real answers reach the
                // telemetry, the hold gate judges them, and only the pointer moves traffic.
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = route.Endpoint?.HealthPath is not null,
                    Interval = options.HealthCheckInterval,
                    Timeout = options.HealthCheckTimeout,
                    Policy = "ConsecutiveFailures",
                    Path = route.Endpoint?.HealthPath,
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = "TransportFailureRate",
                    ReactivationPeriod = options.PassiveReactivationPeriod,
                },
            },
        };
    }
}
