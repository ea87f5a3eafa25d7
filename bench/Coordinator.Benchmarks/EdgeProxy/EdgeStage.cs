using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Text;
using Coordinator.Arms;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Figures;
using Coordinator.Edge;
using Coordinator.Edge.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.Benchmarks.EdgeProxy;

/// <summary>
/// Figure 16's world, in this process: a real Blue and Green arm (POST /ask over the shipped corpus) on
/// loopback, registered in one region with their endpoints, and an edge in front of them with the
/// product's default settings, reading the pointer from the silo child.
/// </summary>
internal sealed class EdgeStage : IAsyncDisposable
{
    public const string Region = "edge-000";
    public const string PathPrefix = "/rag-api";
    public const string HealthPath = "/healthz";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>The same question every call: the arm's own work is then the same direct and via the edge.</summary>
    private static readonly byte[] AskBody = Encoding.UTF8.GetBytes("""{"question":"How do deploys roll out region by region?","seed":1}""");

    private EdgeStage(ArmServer blue, ArmServer green, EdgeHost edge, ActiveArmView view, ISwitchoverGrain pointer)
    {
        Blue = blue;
        Green = green;
        Edge = edge;
        View = view;
        Pointer = pointer;
    }

    public ArmServer Blue { get; }

    public ArmServer Green { get; }

    public EdgeHost Edge { get; }

    /// <summary>The region's pointer as registered (Blue at epoch 0).</summary>
    public ActiveArmView View { get; }

    public ISwitchoverGrain Pointer { get; }

    public static async Task<EdgeStage> StartAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        var blue = await ArmServer.StartAsync(ArmOptions.ForBlue(), 0, cancellationToken: cancellationToken);
        ArmServer? green = null;
        try
        {
            green = await ArmServer.StartAsync(ArmOptions.ForGreen(), 0, cancellationToken: cancellationToken);
            var pointer = Seed.Pointer(client, Region);
            await pointer.RegisterArmAsync(Arm.Blue, Manifest(Arm.Blue, blue), Seed.Operator);
            var view = (await pointer.RegisterArmAsync(Arm.Green, Manifest(Arm.Green, green), Seed.Operator)).View;
            var options = new EdgeOptions { Region = Region, Services = [new EdgeService(Seed.Service, PathPrefix)] };
            var edge = await EdgeHost.StartAsync(client, options, Logging, cancellationToken);
            return new EdgeStage(blue, green, edge, view, pointer);
        }
        catch
        {
            await blue.DisposeAsync();
            if (green is not null)
            {
                await green.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>A client for <paramref name="baseAddress"/> holding a keep-alive connection per caller.</summary>
    public static HttpClient ClientFor(Uri baseAddress) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = Catalog.EdgeCallers + 8, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>POST /ask (under the edge's prefix when <paramref name="viaEdge"/>).</summary>
    public static Task<HttpResponseMessage> AskAsync(HttpClient http, bool viaEdge)
    {
        var content = new ByteArrayContent(AskBody);
        content.Headers.ContentType = Json;
        return http.PostAsync(viaEdge ? PathPrefix[1..] + "/ask" : "ask", content, CancellationToken.None);
    }

    /// <summary>Requests each arm server answered so far (counted by the server itself).</summary>
    public string ArmCounts()
    {
        var blue = Blue.Counts();
        var green = Green.Counts();
        return $"blue {blue.Asks:N0} asks, {blue.Health:N0} health; green {green.Asks:N0} asks, {green.Health:N0} health";
    }

    public async ValueTask DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Blue.DisposeAsync();
        await Green.DisposeAsync();
    }

    private static ArmManifest Manifest(Arm arm, ArmServer server) => Seed.Manifest(arm) with
    {
        IndexHash = server.Info.IndexHash,
        PromptVer = server.Info.PromptVer,
        Endpoints = ImmutableSortedDictionary.CreateRange(
            StringComparer.Ordinal, [KeyValuePair.Create(Region, new ArmEndpoint(server.BaseUrl.ToString().TrimEnd('/'), HealthPath))]),
    };

    /// <summary>Warnings and worse to stderr, like the rest of the run; stdout carries the report.</summary>
    private static void Logging(ILoggingBuilder logging) => logging
        .SetMinimumLevel(LogLevel.Warning)
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}
