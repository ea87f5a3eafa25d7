using Coordinator.Client;
using Coordinator.Console.Connection;

namespace Coordinator.ConsoleTests.Infrastructure;

/// <summary>A connector for input that must be refused before connecting: it counts attempts and never connects.</summary>
public sealed class NoClusterConnector : IClusterConnector
{
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public Task<IClusterSession> ConnectAsync(CoordinatorClientOptions options, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        throw new InvalidOperationException("this command should have been refused before connecting");
    }
}
