using System.Globalization;
using System.Net;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;

namespace Coordinator.Benchmarks.EdgeProxy;

/// <summary>
/// Figures 16a and 16d: the same closed loop of 64 callers straight to the Blue arm and through the
/// edge to it, in alternating rounds so a change in the machine's load falls on both sides; the edge
/// adds the difference. On POST /ask (16a) the arm's own retrieval is in both; on GET /healthz (16d)
/// the arm does almost nothing, so what remains is the proxy hop. The callers, the edge and the arms
/// share this process, as they share a small host's cores: the edge's CPU is paid in latency at 64 in flight.
/// </summary>
internal static class ProxyOverheadFigure
{
    public static async Task<IReadOnlyList<FigureResult>> RunAsync(EdgeStage stage, BenchProfile profile, CpuMeter cpu)
    {
        using var direct = EdgeStage.ClientFor(stage.Blue.BaseUrl);
        using var viaEdge = EdgeStage.ClientFor(stage.Edge.BaseAddress);
        var ask = await MeasureAsync(
            _ => ExpectAsync(EdgeStage.AskAsync(direct, viaEdge: false), "POST /ask", false),
            _ => ExpectAsync(EdgeStage.AskAsync(viaEdge, viaEdge: true), "POST /ask via the edge", true),
            profile, cpu);
        var askCounts = stage.ArmCounts();
        var health = await MeasureAsync(
            _ => ExpectAsync(direct.GetAsync(EdgeStage.HealthPath[1..]), "GET /healthz", false),
            _ => ExpectAsync(viaEdge.GetAsync(EdgeStage.PathPrefix[1..] + EdgeStage.HealthPath), "GET /healthz via the edge", true),
            profile, cpu);
        return [Result(Catalog.EdgeOverhead, ask, "POST /ask {question, seed} on the real Blue arm (BM25 retrieval, rerank, answer over the shipped corpus)", askCounts),
                Result(Catalog.EdgeOverheadTrivial, health, "GET /healthz: the arm answers a constant JSON", stage.ArmCounts())];
    }

    private static async Task<(LoadResult Direct, LoadResult Edge)> MeasureAsync(Func<int, Task> direct, Func<int, Task> viaEdge, BenchProfile profile, CpuMeter cpu)
    {
        // Each side warms up until its rate stops climbing (JIT of Kestrel, YARP and the client).
        await ClosedLoop.RunAsync(Catalog.EdgeCallers, profile.Warmup, profile.Warmup, direct, cpu, settleLimit: profile.SettleLimit);
        await ClosedLoop.RunAsync(Catalog.EdgeCallers, profile.Warmup, profile.Warmup, viaEdge, cpu, settleLimit: profile.SettleLimit);
        var directRounds = new List<LoadResult>();
        var edgeRounds = new List<LoadResult>();
        var window = cpu.Start();
        for (var round = 0; round < profile.ReadRounds; round++)
        {
            directRounds.Add(await ClosedLoop.RunAsync(Catalog.EdgeCallers, TimeSpan.Zero, profile.ReadWindow, direct, cpu));
            edgeRounds.Add(await ClosedLoop.RunAsync(Catalog.EdgeCallers, TimeSpan.Zero, profile.ReadWindow, viaEdge, cpu));
        }

        var use = window.Stop();
        return (Merge(directRounds, use), Merge(edgeRounds, use));
    }

    private static LoadResult Merge(List<LoadResult> rounds, CpuUse? use)
    {
        var ticks = rounds.SelectMany(r => r.LatencyTicks).ToArray();
        return new LoadResult(
            ticks.Length, TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)), [.. rounds.SelectMany(r => r.RoundRates)], LatencySummary.FromTicks(ticks), ticks, use);
    }

    private static async Task ExpectAsync(Task<HttpResponseMessage> send, string what, bool viaEdge)
    {
        using var response = await send;
        await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}, expected 200");
        }

        if (viaEdge && !response.Headers.Contains(Coordinator.Edge.Routing.EdgeHeaders.Arm))
        {
            throw new InvalidOperationException($"{what} answered without {Coordinator.Edge.Routing.EdgeHeaders.Arm}: not routed by the edge");
        }
    }

    private static FigureResult Result(Catalog.Entry entry, (LoadResult Direct, LoadResult Edge) load, string request, string armCounts)
    {
        var (direct, edge) = load;
        var addedP50 = edge.Latency.P50Ms - direct.Latency.P50Ms;
        var addedP99 = edge.Latency.P99Ms - direct.Latency.P99Ms;
        return FigureResult.Measured(entry.Id, entry.Title, addedP50, entry.Unit, entry.Target, edge.Latency,
            $"{request}; {Catalog.EdgeCallers} callers, HTTP/1.1 keep-alive, direct and via-edge rounds alternating",
            $"added by the edge: p50 {Ms(addedP50)}, p99 {Ms(addedP99)}",
            $"direct to the arm: {Rate(direct)}, latency {direct.Latency}",
            $"via the edge: {Rate(edge)}, latency {edge.Latency}",
            $"edge and arms run in the benchmark process (YARP, the pointer from the silo child, request telemetry flushed every 1 s); arm servers counted since start (warm-ups included) {armCounts}",
            $"{edge.Cpu}");
    }

    private static string Rate(LoadResult load) =>
        $"{load.PerSecond.ToString("N0", CultureInfo.InvariantCulture)} requests/s (median round; rounds {LoadResult.Rates(load.RoundRates)})";

    private static string Ms(double ms) => $"{ms.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture)} ms";
}
