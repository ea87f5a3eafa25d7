using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.Edge.Routing;

/// <summary>While a service's active arm has no manifest, re-reads it every second so the edge routes as soon as one is registered.</summary>
internal sealed partial class ManifestPoller(ArmProxyConfigProvider routes, TimeProvider time, ILogger<ManifestPoller> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await routes.LoadUnregisteredAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogReadFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Re-reading a pointer whose active arm had no manifest failed; trying again in a second")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
