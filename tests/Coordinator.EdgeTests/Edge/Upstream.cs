using System.Collections.Concurrent;
using System.Net;
using Coordinator.Edge.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coordinator.EdgeTests.Edge;

/// <summary>
/// A tiny arm on real Kestrel (loopback): answers every request with its name, counts what it served
/// and the epoch the edge forwarded. <c>/fail</c> answers 500; <c>/slow</c> waits for <see cref="Release"/>; <c>/healthz</c>
/// answers <see cref="HealthStatus"/>.
/// </summary>
internal sealed class Upstream : IAsyncDisposable
{
    public const string NameHeader = "x-upstream";
    public const string SeenEpochHeader = "x-upstream-saw-epoch";

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _slowEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _requests;

    private Upstream(string name, WebApplication app)
    {
        Name = name;
        _app = app;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public string Url => BaseAddress.ToString().TrimEnd('/');

    /// <summary>Requests served, health checks not counted.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The x-coordinator-epoch of every request served, as the edge forwarded it.</summary>
    public ConcurrentQueue<string?> EpochsSeen { get; } = new();

    public int HealthStatus { get; set; } = StatusCodes.Status200OK;

    public long HealthChecks => Interlocked.Read(ref _healthChecks);

    private long _healthChecks;

    /// <summary>Completes when a request to /slow has arrived and is waiting.</summary>
    public Task SlowEntered => _slowEntered.Task;

    /// <summary>Lets every waiting /slow request answer.</summary>
    public void Release() => _release.TrySetResult();

    public static async Task<Upstream> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        Upstream? self = null;
        app.Run(context => self!.HandleAsync(context));
        await app.StartAsync();
        self = new Upstream(name, app);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/healthz")
        {
            Interlocked.Increment(ref _healthChecks);
            context.Response.StatusCode = HealthStatus;
            return;
        }

        if (context.Request.Path == "/slow")
        {
            _slowEntered.TrySetResult();
            await _release.Task;
        }

        if (context.Request.Path == "/fail")
        {
            Interlocked.Increment(ref _requests);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        EpochsSeen.Enqueue(context.Request.Headers[EdgeHeaders.Epoch].FirstOrDefault());
        Interlocked.Increment(ref _requests);
        context.Response.Headers[NameHeader] = Name;
        context.Response.Headers[SeenEpochHeader] = context.Request.Headers[EdgeHeaders.Epoch].ToString();
        // An arm cannot forge the edge's view: the edge's own header wins.
        context.Response.Headers[EdgeHeaders.Arm] = "forged-by-" + Name;
        await context.Response.WriteAsync(Name + " " + context.Request.Path);
    }
}
