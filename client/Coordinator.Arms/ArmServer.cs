using System.Net;
using Coordinator.Arms.Corpus;
using Coordinator.Arms.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Coordinator.Arms;

/// <summary>
/// One arm on Kestrel at 127.0.0.1, speaking the arm contract:
/// <list type="bullet">
/// <item><c>POST /ask</c> with <c>{"question": "...", "seed": 1, "top_k": 3}</c> (seed and top_k optional;
/// seed a 32-bit integer, default 0; top_k 1 to <see cref="ArmOptions.MaxTopK"/>, default
/// <see cref="ArmOptions.DefaultTopK"/>; unknown fields ignored) answers 200 with an <see cref="AskResponse"/>:
/// <c>{"arm","answer","passages":[{"id","section","text","score"}],"timings_ms":{"retrieve","rerank","reason"},"index_hash","prompt_ver","seed"}</c>.
/// Bad input answers 400 <c>application/problem+json</c> (RFC 9457) whose <c>errors</c> map names each field
/// (<c>body</c>, <c>question</c>, <c>seed</c>, <c>top_k</c>); a body over 64 KiB answers 413. An injected
/// fault answers <see cref="ArmOptions.FaultStatus"/> with a problem body.</item>
/// <item><c>GET /healthz</c> answers 200 <c>{"status":"healthy",...}</c>, or 503 while <see cref="Healthy"/> is false.</item>
/// <item>Every response carries <c>x-arm-name</c>; every request is counted (<see cref="Counts"/>), with its
/// <c>x-coordinator-epoch</c> request header when present.</item>
/// </list>
/// </summary>
public sealed class ArmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ArmHostState _state;
    private int _disposed;

    private ArmServer(WebApplication app, ArmHostState state, Uri baseUrl)
    {
        _app = app;
        _state = state;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The arm's name (<c>x-arm-name</c>).</summary>
    public string Name => _state.Arm.Options.Name;

    /// <summary>The arm the server runs.</summary>
    public RagArm Arm => _state.Arm;

    /// <summary>What the arm was built from (index hash, prompt version, dropped passages) for a manifest.</summary>
    public ArmBuildInfo Info => _state.Arm.Info;

    /// <summary>Whether <c>GET /healthz</c> answers 200 (true) or 503; starts at <see cref="ArmOptions.Healthy"/>.</summary>
    public bool Healthy
    {
        get => _state.Healthy;
        set => _state.Healthy = value;
    }

    /// <summary>Starts an arm on 127.0.0.1.</summary>
    /// <param name="options">The arm's build and degradation.</param>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="corpus">The corpus; the shipped one when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArmOptionsException">The options are not valid.</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<ArmServer> StartAsync(ArmOptions options, int port = 0, ArmCorpus? corpus = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var state = new ArmHostState(new RagArm(options, corpus), options.Healthy);

        // The empty builder reads no appsettings or ASPNETCORE_* variables, so the host process's own
        // configuration can never add endpoints or logging to an arm.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ArmServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 64 * 1024;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        ArmEndpoints.Map(app, state);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ArmServer(app, state, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A consistent snapshot of the requests this server answered.</summary>
    public ArmRequestCounts Counts() => _state.Counter.Snapshot();

    /// <summary>Stops accepting requests and lets those in flight finish (until the token cancels).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Stops the server (in-flight requests get up to 5 s) and releases its port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
    }
}
