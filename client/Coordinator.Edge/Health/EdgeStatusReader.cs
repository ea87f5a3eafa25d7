using Coordinator.Edge.Routing;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Coordinator.Edge.Health;

/// <summary>Reads the current routes with their destinations' health as YARP's checks left it.</summary>
internal sealed class EdgeStatusReader(ArmProxyConfigProvider routes, IProxyStateLookup proxyState)
{
    public IReadOnlyList<EdgeServiceStatus> Read() => [.. routes.Current().Select(Read)];

    private EdgeServiceStatus Read(ArmRoute route)
    {
        var active = DestinationHealth.Unknown;
        var passive = DestinationHealth.Unknown;
        if (proxyState.TryGetCluster(route.ClusterId, out var cluster)
            && cluster.Destinations.TryGetValue(route.DestinationId, out var destination))
        {
            active = destination.Health.Active;
            passive = destination.Health.Passive;
        }

        var health = route.Endpoint is null ? "none"
            : active == DestinationHealth.Unhealthy || passive == DestinationHealth.Unhealthy ? "unhealthy"
            : active == DestinationHealth.Healthy || passive == DestinationHealth.Healthy ? "healthy"
            : "unknown";
        return new EdgeServiceStatus(
            route.Service.Service,
            route.Region,
            route.Active?.Arm.ToWire(),
            route.Active?.Epoch,
            route.Endpoint?.Url,
            health,
            Wire(active),
            Wire(passive),
            route.Missing);
    }

    private static string Wire(DestinationHealth health) => health switch
    {
        DestinationHealth.Healthy => "healthy",
        DestinationHealth.Unhealthy => "unhealthy",
        _ => "unknown",
    };
}
