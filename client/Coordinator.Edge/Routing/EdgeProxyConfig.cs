using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace Coordinator.Edge.Routing;

/// <summary>One published set of routes and clusters; <see cref="Supersede"/> tells YARP to load the next one.</summary>
internal sealed class EdgeProxyConfig(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters) : IProxyConfig
{
    private readonly CancellationTokenSource _superseded = new();

    public IReadOnlyList<RouteConfig> Routes { get; } = routes;

    public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;

    public IChangeToken ChangeToken => new CancellationChangeToken(_superseded.Token);

    /// <summary>Signals YARP that a newer config exists; requests already routed keep the cluster they hold.</summary>
    public void Supersede() => _superseded.Cancel();
}
