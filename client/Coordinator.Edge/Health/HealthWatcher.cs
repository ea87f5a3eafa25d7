using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.Edge.Health;

/// <summary>
/// Logs when an active arm turns unhealthy or recovers. It only reports: the edge keeps routing to
/// the active arm, because only the pointer decides the arm.
/// </summary>
internal sealed partial class HealthWatcher(EdgeStatusReader status, EdgeOptions options, TimeProvider time, ILogger<HealthWatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, string> _last = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.HealthCheckInterval < TimeSpan.FromSeconds(1) ? options.HealthCheckInterval : TimeSpan.FromSeconds(1);
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Check();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Check()
    {
        foreach (var service in status.Read())
        {
            var key = $"{service.Service}|{service.Destination}|{service.Health}";
            if (_last.TryGetValue(service.Service, out var last) && last == key)
            {
                continue;
            }

            _last[service.Service] = key;
            if (service.Health == "unhealthy")
            {
                LogUnhealthy(logger, service.Service, service.Region, service.Arm ?? "-", service.Epoch ?? -1, service.Destination ?? "-", service.ActiveHealth, service.PassiveHealth);
            }
            else if (last is not null && last.EndsWith("|unhealthy", StringComparison.Ordinal) && service.Health == "healthy")
            {
                LogRecovered(logger, service.Service, service.Region, service.Arm ?? "-", service.Epoch ?? -1);
            }
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "{Service}/{Region}: the active arm {Arm} (epoch {Epoch}, {Destination}) is unhealthy (health path: {Active}, requests: {Passive}); still routed to it, only the pointer changes the arm")]
    private static partial void LogUnhealthy(ILogger logger, string service, string region, string arm, long epoch, string destination, string active, string passive);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "{Service}/{Region}: the active arm {Arm} (epoch {Epoch}) is healthy again")]
    private static partial void LogRecovered(ILogger logger, string service, string region, string arm, long epoch);
}
