using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Coordinator.Api;
using Coordinator.Dashboard;
using Coordinator.Hosting.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.Hosting;

/// <summary>
/// A single in-process silo in embedded mode (in-memory, not durable) on free loopback ports, built
/// exactly as the silo host builds it, serving the HTTP API and health endpoints on its HTTP port.
/// Used by the demo and by tests.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private const int MaxPortAttempts = 3;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _host;

    private EmbeddedSilo(WebApplication host, CoordinatorSiloOptions options)
    {
        _host = host;
        Options = options;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The settings the silo runs with (ports, cluster and service ids).</summary>
    public CoordinatorSiloOptions Options { get; }

    /// <summary>The silo's services (its endpoint data source, its grain storage: for tests that list what it maps or play someone rewriting storage).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The client co-hosted with the silo: no network hop, no separate connection.</summary>
    public IClusterClient Client { get; }

    public int GatewayPort => Options.GatewayPort;

    /// <summary>Where the HTTP API and health endpoints answer, e.g. http://127.0.0.1:41234/.</summary>
    public Uri HttpBaseAddress => new($"http://127.0.0.1:{Options.HttpPort.ToString(CultureInfo.InvariantCulture)}/");

    /// <param name="configureLogging">Where the silo logs: the console keeps standard output for results.</param>
    /// <param name="settings">More configuration (e.g. "Coordinator:Api:Principals:0:Name"); the ports and ids are chosen here.</param>
    /// <param name="configureSilo">Runs after the product's silo configuration (tests wrap its storage with it).</param>
    public static async Task<EmbeddedSilo> StartAsync(
        string clusterId, string serviceId, Action<ILoggingBuilder> configureLogging, CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string?>? settings = null, Action<ISiloBuilder>? configureSilo = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts.Take(3);
            var host = Build(clusterId, serviceId, ports, configureLogging, settings, configureSilo, out var options);
            try
            {
                await host.StartAsync(cancellationToken);
                return new EmbeddedSilo(host, options);
            }
            catch (Exception ex) when (attempt < MaxPortAttempts && IsAddressInUse(ex))
            {
                // Another process took a port between choosing and binding it: choose again.
                await host.DisposeAsync();
            }
            catch
            {
                await host.DisposeAsync();
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

        await _host.DisposeAsync();
    }

    private static WebApplication Build(
        string clusterId, string serviceId, IReadOnlyList<int> ports, Action<ILoggingBuilder> configureLogging,
        IReadOnlyDictionary<string, string?>? settings, Action<ISiloBuilder>? configureSilo, out CoordinatorSiloOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });

        // Only what is given here: no environment variables or appsettings of the process that embeds it.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Coordinator:StorageMode"] = StorageMode.Embedded,
            ["Coordinator:ClusterId"] = clusterId,
            ["Coordinator:ServiceId"] = serviceId,
            ["Coordinator:SiloPort"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Coordinator:GatewayPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
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
        if (configureSilo is not null)
        {
            builder.UseOrleans(configureSilo);
        }

        builder.Services.AddCoordinatorApi(builder.Configuration);
        builder.AddCoordinatorObservability();
        var httpPort = options.HttpPort;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, httpPort));
        var app = builder.Build();
        app.MapCoordinatorHealth();
        app.MapCoordinatorApi();
        app.MapCoordinatorDashboard();
        app.MapCoordinatorObservability();
        return app;
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
