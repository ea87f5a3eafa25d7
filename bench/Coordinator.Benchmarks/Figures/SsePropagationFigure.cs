using System.Diagnostics;
using System.Text.Json;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Measure;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// Figure 15c: from just before FlipAsync is sent to each of 100 Server-Sent Events subscribers
/// (the HTTP API's /events, one HTTP connection each) reading the new epoch; beside figure 4, the
/// SDK's stream-pushed propagation. The silo reads a service's state for all its streams at most
/// every 50 ms, so this figure is bounded below by that period.
/// </summary>
internal static class SsePropagationFigure
{
    public const int Subscribers = 100;
    private const string Region = "sse-000";
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(5);

    public static async Task<FigureResult> RunAsync(IClusterClient client, SiloSpec spec, int flips, CpuMeter cpu, CancellationToken cancellationToken)
    {
        var entry = Catalog.SsePropagation;
        var views = await Seed.RegisterAsync(client, [Region]);
        var flipper = new RegionFlipper(Seed.Pointer(client, Region), views[0]);
        var pointer = Seed.Pointer(client, Region);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Subscribers + 10, MaxResponseDrainSize = 0 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{spec.HttpPort}/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var seen = new long[Subscribers];
        var seenAt = new long[Subscribers];
        var readers = Enumerable.Range(0, Subscribers).Select(i => FollowAsync(http, i, seen, seenAt, stop.Token)).ToList();
        try
        {
            await WaitAllSeenAsync(seen, flipper.Epoch, TimeSpan.FromSeconds(30));
            var delays = new List<long>(flips * Subscribers);
            var missed = 0;
            var cpuWindow = cpu.Start();
            for (var round = 0; round < flips; round++)
            {
                await Task.Delay(Random.Shared.Next(0, 100), cancellationToken);
                var epoch = flipper.Epoch + 1;
                var started = Stopwatch.GetTimestamp();
                flipper.Flipped(await pointer.FlipAsync(flipper.Next()));
                var all = await WaitAllSeenAsync(seen, epoch, RoundTimeout);
                for (var i = 0; i < Subscribers; i++)
                {
                    delays.Add(Volatile.Read(ref seen[i]) >= epoch ? Math.Max(0, Volatile.Read(ref seenAt[i]) - started) : (long)(RoundTimeout.TotalSeconds * Stopwatch.Frequency));
                }

                missed += all ? 0 : Enumerable.Range(0, seen.Length).Count(i => Volatile.Read(ref seen[i]) < epoch);
            }

            var cpuUse = cpuWindow.Stop();
            var latency = LatencySummary.FromTicks(delays);
            return FigureResult.Measured(entry.Id, entry.Title, latency.P99Ms, entry.Unit, entry.Target, latency,
                [$"{flips:N0} flips x {Subscribers} SSE subscribers, one HTTP/1.1 connection each; per-subscriber delay {latency}",
                 $"missed (counted at {RoundTimeout.TotalSeconds:0} s): {missed:N0}", $"{cpuUse}"]);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    private static async Task FollowAsync(HttpClient http, int index, long[] seen, long[] seenAt, CancellationToken cancellationToken)
    {
        Volatile.Write(ref seen[index], -1);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/services/{Seed.Service}/events?regions={Region}");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var epoch = JsonDocument.Parse(line[6..]).RootElement.GetProperty("epoch").GetInt64();
                Volatile.Write(ref seenAt[index], Stopwatch.GetTimestamp());
                Volatile.Write(ref seen[index], epoch);
            }
        }
    }

    private static async Task<bool> WaitAllSeenAsync(long[] seen, long epoch, TimeSpan within)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        while (Enumerable.Range(0, seen.Length).Any(i => Volatile.Read(ref seen[i]) < epoch))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(1);
        }

        return true;
    }
}
