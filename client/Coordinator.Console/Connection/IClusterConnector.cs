using Coordinator.Client;

namespace Coordinator.Console.Connection;

/// <summary>Opens a connection to a cluster for the length of one command.</summary>
public interface IClusterConnector
{
    /// <exception cref="ClusterUnreachableException">No silo could be reached.</exception>
    Task<IClusterSession> ConnectAsync(CoordinatorClientOptions options, CancellationToken cancellationToken);
}

/// <summary>A connected client; disposing it disconnects.</summary>
public interface IClusterSession : IAsyncDisposable
{
    IClusterClient Client { get; }
}
