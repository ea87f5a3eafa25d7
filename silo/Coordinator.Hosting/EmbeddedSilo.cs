using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.Hosting;

/// <summary>
/// A single in-process silo in embedded mode (in-memory, not durable) on free loopback ports, built
/// exactly as the silo host builds it. Used by the demo and by tests.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private const int MaxPortAttempts = 3;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly IHost _host;

    private EmbeddedSilo(IHost host, CoordinatorSiloOptions options)
    {
        _host = host;
        Options = options;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The settings the silo runs with (ports, cluster and service ids).</summary>
    public CoordinatorSiloOptions Options { get; }

    /// <summary>The client co-hosted with the silo: no network hop, no separate connection.</summary>
    public IClusterClient Client { get; }

    public int GatewayPort => Options.GatewayPort;

    /// <summary>The silo's services (its grain storage, for tests that play someone rewriting storage).</summary>
    public IServiceProvider Services => _host.Services;

    /// <param name="configureLogging">Where the silo logs: the console keeps standard output for results.</param>
    public static async Task<EmbeddedSilo> StartAsync(string clusterId, string serviceId, Action<ILoggingBuilder> configureLogging, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts.Take(3);
            var host = Build(clusterId, serviceId, ports, configureLogging, out var options);
            try
            {
                await host.StartAsync(cancellationToken);
                return new EmbeddedSilo(host, options);
            }
            catch (Exception ex) when (attempt < MaxPortAttempts && IsAddressInUse(ex))
            {
                // Another process took a port between choosing and binding it: choose again.
                host.Dispose();
            }
            catch
            {
                host.Dispose();
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            await _host.StopAsync(timeout.Token);
        }

        _host.Dispose();
    }

    private static IHost Build(string clusterId, string serviceId, IReadOnlyList<int> ports, Action<ILoggingBuilder> configureLogging, out CoordinatorSiloOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Coordinator:StorageMode"] = StorageMode.Embedded,
            ["Coordinator:ClusterId"] = clusterId,
            ["Coordinator:ServiceId"] = serviceId,
            ["Coordinator:SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Coordinator:GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Not bound here (no web host), but validated as distinct from the other two.
            ["Coordinator:HttpPort"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        configureLogging(builder.Logging);

        // The silo's start-up notes (e.g. "not running with ServerGC") are advice for production hosts,
        // not for a demo or test process; its errors still show.
        builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);

        // Likewise its note that reminders under a minute (the campaign wake-up's 5 s) suit no production host.
        builder.Logging.AddFilter("Orleans.Hosting.ReminderOptionsValidator", LogLevel.Error);

        // On a busy machine the watchdog's first check can run before its participant thread has,
        // and then reports a "stall" as long as the machine's uptime: noise for a seconds-long silo.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);

        // Stopping the silo cancels the in-memory stream readers mid-poll, which they log as errors;
        // a lost flip notice is covered by the resolvers' periodic re-read anyway.
        builder.Logging.AddFilter("Orleans.Providers.MemoryAdapterReceiver", LogLevel.Critical);
        builder.Logging.AddFilter("Orleans.Streams", LogLevel.Critical);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        options = builder.AddCoordinatorSilo();
        return builder.Build();
    }

    private static bool IsAddressInUse(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse))
            {
                return true;
            }
        }

        return false;
    }
}
