using System.Text.Json;
using Coordinator.Client;
using Coordinator.Client.Telemetry;
using Coordinator.Edge.Health;
using Coordinator.Edge.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Coordinator.Edge.Hosting;

/// <summary>
/// A running edge: Kestrel and YARP for one region, routing each service's requests to the arm its
/// pointer says is active. Start one in-process with <see cref="StartAsync"/>; dispose to stop it.
/// </summary>
public sealed class EdgeHost : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly WebApplication _app;

    private EdgeHost(WebApplication app, EdgeOptions options, Uri baseAddress)
    {
        _app = app;
        Options = options;
        BaseAddress = baseAddress;
    }

    /// <summary>The settings the edge runs with.</summary>
    public EdgeOptions Options { get; }

    /// <summary>Where the edge answers, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Each service's route and its arm's health, as <c>GET /edge/status</c> answers.</summary>
    public IReadOnlyList<EdgeServiceStatus> Status() => _app.Services.GetRequiredService<EdgeStatusReader>().Read();

    /// <summary>Sends the request telemetry recorded so far now rather than at the next flush.</summary>
    public Task FlushTelemetryAsync() => _app.Services.GetRequiredService<TelemetryReporter>().FlushAsync();

    /// <summary>
    /// Validates <paramref name="options"/>, reads each service's active arm (so the first request already
    /// goes to it), then starts listening.
    /// </summary>
    /// <param name="client">A connected client of the coordinator's cluster.</param>
    /// <param name="options">What to serve and where.</param>
    /// <param name="configureLogging">Where the edge logs; null for the console at Information.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="EdgeConfigurationException">A setting is invalid; nothing was started.</exception>
    public static async Task<EdgeHost> StartAsync(IClusterClient client, EdgeOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (EdgeOptionsValidator.Validate(options) is { Count: > 0 } errors)
        {
            throw new EdgeConfigurationException(errors);
        }

        var app = Build(client, options, configureLogging);
        try
        {
            await app.Services.GetRequiredService<ArmProxyConfigProvider>().LoadAsync().WaitAsync(cancellationToken);
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new EdgeHost(app, options, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops listening (requests in flight get the stop timeout to finish) and flushes telemetry.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            await _app.StopAsync(timeout.Token);
        }

        // Disposes the reporter (a last flush) and the resolver (unsubscribes from the flip streams).
        await _app.DisposeAsync();
    }

    private static WebApplication Build(IClusterClient client, EdgeOptions options, Action<ILoggingBuilder>? configureLogging)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // Only the options decide where the edge listens and what it serves: no appsettings.json or ASPNETCORE_* here.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        if (configureLogging is null)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

            // Flips and health changes at Information; not a line per proxied request.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.Logging.AddFilter("Yarp", LogLevel.Warning);

            // HealthWatcher says once when the arm turns unhealthy and when it recovers; YARP would log a stack trace per probe.
            builder.Logging.AddFilter("Yarp.ReverseProxy.Health", LogLevel.Error);
        }
        else
        {
            configureLogging(builder.Logging);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.Listen));
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(client);
        services.AddSingleton(sp => new ActiveArmResolver(
            client,
            // One resolver per edge process: the stream's second delivery is cheap here, and a router should not
            // wait a refresh interval for a flip whose push was lost to a silo crash.
            new ActiveArmResolverOptions { RefreshInterval = options.PointerRefreshInterval, FollowFlipStream = true },
            logger: sp.GetRequiredService<ILogger<ActiveArmResolver>>()));
        services.AddSingleton(sp => new TelemetryReporter(
            client,
            new TelemetryReporterOptions { FlushInterval = options.TelemetryFlushInterval },
            logger: sp.GetRequiredService<ILogger<TelemetryReporter>>()));
        services.AddSingleton<ArmProxyConfigProvider>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<ArmProxyConfigProvider>());
        services.AddSingleton<ArmRequestMiddleware>();
        services.AddSingleton<EdgeStatusReader>();
        services.AddHostedService<HealthWatcher>();
        services.AddHostedService<ManifestPoller>();
        services.AddReverseProxy();

        var app = builder.Build();
        app.MapGet("/edge/status", (EdgeStatusReader status) => Results.Json(new { services = status.Read() }, Json));
        var arms = app.Services.GetRequiredService<ArmRequestMiddleware>();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use((context, next) => arms.InvokeAsync(context, () => next(context)));
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
