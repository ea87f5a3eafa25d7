using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.Console.Connection;

/// <summary>A started client host; disposing stops it (bounded) and releases it.</summary>
internal sealed partial class HostedSession(IHost host) : IClusterSession
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    public IClusterClient Client { get; } = host.Services.GetRequiredService<IClusterClient>();

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            await host.StopAsync(timeout.Token);
        }
        catch (Exception ex)
        {
            // The command's outcome is already decided; a slow or failed disconnect must not change it.
            LogStopFailed(host.Services.GetRequiredService<ILogger<HostedSession>>(), ex);
        }
        finally
        {
            host.Dispose();
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Disconnecting from the cluster did not finish cleanly")]
    private static partial void LogStopFailed(ILogger logger, Exception exception);
}
