using Coordinator.Client;

namespace Coordinator.Edge.Hosting;

/// <summary>What the edge process runs with: its options and where the cluster is.</summary>
/// <param name="Options">What the edge serves and where it listens.</param>
/// <param name="Connection">How to reach the coordinator's cluster (resolved like the console's).</param>
public sealed record EdgeLaunch(EdgeOptions Options, CoordinatorClientOptions Connection);
