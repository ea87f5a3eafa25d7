using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Coordinator.Edge;
using Coordinator.Edge.Hosting;
using Coordinator.Edge.Routing;
using Microsoft.Extensions.Logging;

namespace Coordinator.EdgeTests.Edge;

/// <summary>One service in one region: Blue and Green as real upstreams, registered with their endpoints, and edges in front.</summary>
internal sealed class EdgeWorld : IAsyncDisposable
{
    public const string Region = "eu-west";

    private readonly EdgeFixture _fixture;
    private readonly List<EdgeHost> _edges = [];
    private int _flips;

    private EdgeWorld(EdgeFixture fixture, string service, Upstream blue, Upstream green)
    {
        _fixture = fixture;
        Service = service;
        Blue = blue;
        Green = green;
    }

    public string Service { get; }

    public Upstream Blue { get; }

    public Upstream Green { get; }

    public IClusterClient FixtureClient => _fixture.Client;

    public ISwitchoverGrain Pointer => _fixture.Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(Service, Region));

    /// <param name="greenEndpoint">False registers Green without an endpoint for the region.</param>
    /// <param name="healthPath">The health path both endpoints name; null for none.</param>
    /// <param name="registerArms">False registers nothing: the test registers the arms itself.</param>
    public static async Task<EdgeWorld> StartAsync(EdgeFixture fixture, string stem, bool greenEndpoint = true, string? healthPath = null, bool registerArms = true)
    {
        var world = new EdgeWorld(fixture, fixture.NewService(stem), await Upstream.StartAsync("blue"), await Upstream.StartAsync("green"));
        if (!registerArms)
        {
            return world;
        }

        await world.Pointer.RegisterArmAsync(Arm.Blue, Manifest("idx-blue", world.Blue, healthPath), "edge-tests");
        await world.Pointer.RegisterArmAsync(Arm.Green, Manifest("idx-green", greenEndpoint ? world.Green : null, healthPath), "edge-tests");
        return world;
    }

    public static ArmManifest Manifest(string index, Upstream? upstream, string? healthPath) => new()
    {
        IndexHash = index,
        EmbedSchema = "e5-large:v2",
        RerankConf = "bge-rerank@3",
        PromptVer = "prompt-12",
        ModelVer = "model-2026-10",
        SecretsFingerprint = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(index))),
        ConsumerVer = "consumer-" + index,
        Endpoints = upstream is null
            ? ImmutableSortedDictionary<string, ArmEndpoint>.Empty
            : ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(Region, new ArmEndpoint(upstream.Url, healthPath))]),
    };

    public Upstream UpstreamOf(Arm arm) => arm == Arm.Blue ? Blue : Green;

    public EdgeOptions Options(TimeSpan? healthInterval = null) => new()
    {
        Region = Region,
        Services = [new EdgeService(Service, "/" + Service)],
        HealthCheckInterval = healthInterval ?? TimeSpan.FromSeconds(5),
        TelemetryFlushInterval = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>An edge the world stops when it is disposed.</summary>
    public async Task<EdgeHost> StartEdgeAsync(EdgeOptions? options = null)
    {
        var edge = await StartUntrackedEdgeAsync(options);
        _edges.Add(edge);
        return edge;
    }

    /// <summary>An edge the test stops itself (to restart one).</summary>
    public Task<EdgeHost> StartUntrackedEdgeAsync(EdgeOptions? options = null) =>
        EdgeHost.StartAsync(_fixture.Client, options ?? Options(), logging => logging.SetMinimumLevel(LogLevel.Warning));

    /// <summary>Flips to <paramref name="target"/> from the epoch the pointer is at; returns the new epoch.</summary>
    public async Task<long> FlipAsync(Arm target)
    {
        var view = await Pointer.GetActiveArmAsync();
        var result = await Pointer.FlipAsync(new FlipRequest
        {
            Target = target,
            ExpectedEpoch = view.Epoch,
            Operator = "edge-tests",
            Reason = "edge test flip",
            IdempotencyKey = $"{Service}-flip-{Interlocked.Increment(ref _flips).ToString(CultureInfo.InvariantCulture)}",
        });
        return result.Epoch;
    }

    public HttpClient ClientFor(EdgeHost edge) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { BaseAddress = edge.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Polls the edge until a request is served by <paramref name="arm"/> at <paramref name="epoch"/>; returns that response's headers.</summary>
    public async Task<Routed> UntilRoutedAsync(HttpClient client, Arm arm, long epoch)
    {
        var want = new Routed(arm.ToWire(), epoch, arm.ToWire());
        return await Poll.UntilAsync(() => TryGetAsync(client, "/ask"), r => r == want, $"the edge to route {Service} to {arm.ToWire()} at epoch {epoch}");
    }

    /// <summary>What served the request, whatever its status (a 503 names no upstream).</summary>
    public async Task<Routed> TryGetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync($"/{Service}{path}");
        await response.Content.ReadAsStringAsync();
        return Routed.Of(response);
    }

    public async Task<Routed> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync($"/{Service}{path}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200 from the edge, got {(int)response.StatusCode}: {body}");
        return Routed.Of(response);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var edge in _edges)
        {
            await edge.DisposeAsync();
        }

        await Blue.DisposeAsync();
        await Green.DisposeAsync();
    }
}

/// <summary>What one response said: the edge's arm and epoch headers, and which upstream actually answered.</summary>
internal sealed record Routed(string? Arm, long Epoch, string? ServedBy)
{
    public static Routed Of(HttpResponseMessage response) => new(
        Header(response, EdgeHeaders.Arm),
        long.TryParse(Header(response, EdgeHeaders.Epoch), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch) ? epoch : -1,
        Header(response, Upstream.NameHeader));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
