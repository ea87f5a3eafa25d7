using Coordinator.Client.Connection;
using Coordinator.Console.Commands;
using Coordinator.Console.Connection;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Coordinator.Console.App;

/// <summary>
/// What every command shares: connecting for the length of the command, and turning any failure
/// into a message and an exit code.
/// </summary>
public sealed class CommandRunner(ConsoleIo io, IClusterConnector connector, ConsoleEnvironment environment)
{
    /// <summary>Runs <paramref name="body"/>; an exception becomes a printed error and its exit code.</summary>
    public async Task<int> RunAsync(ConsoleSettings settings, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body(cancellationToken);
        }
        catch (Exception ex)
        {
            return ErrorReport.Write(io.Error, ex, settings.Debug, cancellationToken.IsCancellationRequested);
        }
    }

    /// <summary>Connects as <paramref name="settings"/> say, runs <paramref name="action"/>, disconnects.</summary>
    public async Task<int> WithClusterAsync(ClusterSettings settings, Func<IClusterClient, Task<int>> action, CancellationToken cancellationToken)
    {
        var options = ConnectionResolver.Resolve(settings.ToFlags(), environment.Get);
        await using var session = await connector.ConnectAsync(options, cancellationToken);
        try
        {
            return await action(session.Client);
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            throw new ClusterUnreachableException(ConnectionResolver.Describe(options), ex);
        }
    }

    /// <summary>The cluster went away mid-command, as opposed to refusing it.</summary>
    private static bool IsConnectionFailure(Exception ex) =>
        ex is SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException or TimeoutException;
}
