using System.Net;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Measure;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// Figure 15a-b: GET .../active over HTTP/1.1 keep-alive from this process to the silo child's HTTP
/// port, as a service in another language would ask; then the same with If-None-Match on the
/// current epoch, which a polling client sends once it has the arm (304, no body).
/// </summary>
internal static class HttpReadFigure
{
    public static async Task<IReadOnlyList<FigureResult>> RunAsync(IClusterClient client, SiloSpec spec, BenchProfile profile, CpuMeter cpu)
    {
        var regions = Seed.Regions("http", Catalog.ReadRegions);
        await Seed.RegisterAsync(client, regions);
        var paths = regions.Select(r => $"api/v1/services/{Seed.Service}/regions/{r}/active").ToArray();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Catalog.ReadCallers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{spec.HttpPort}/"),
        };

        var full = await ClosedLoop.RunAsync(
            Catalog.ReadCallers, profile.Warmup, profile.ReadWindow, caller => GetAsync(http, paths[caller % paths.Length], null, HttpStatusCode.OK), cpu, profile.ReadRounds,
            settleLimit: profile.SettleLimit);
        var notModified = await ClosedLoop.RunAsync(
            Catalog.ReadCallers, profile.Warmup / 2, profile.ReadWindow, caller => GetAsync(http, paths[caller % paths.Length], "\"0\"", HttpStatusCode.NotModified), cpu, profile.ReadRounds);

        return
        [
            Result(Catalog.HttpActive, full, regions.Length, "each reply is the region's JSON (arm, epoch, manifest, cache key) with its ETag"),
            Result(Catalog.HttpNotModified, notModified, regions.Length, "304 without a body, answered from the silo's flip-fed view"),
        ];
    }

    private static async Task GetAsync(HttpClient http, string path, string? ifNoneMatch, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}, expected {(int)expected}");
        }
    }

    private static FigureResult Result(Catalog.Entry entry, LoadResult load, int regions, string note) =>
        FigureResult.Measured(entry.Id, entry.Title, load.PerSecond, entry.Unit, entry.Target, load.Latency,
            $"{load.Describe()}; {regions} regions; latency {load.Latency}", $"{load.Cpu}", note);
}
