using System.Text.Json;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Measure;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// Figure 3 on one storage mode: flips/s when each flip must wait for the previous epoch (one
/// region), and when many regions flip at once (one sequential flipper per region).
/// </summary>
internal static class FlipThroughputFigure
{
    public static async Task<IReadOnlyList<FigureResult>> RunAsync(
        IClusterClient client, string storage, Catalog.Entry sequential, Catalog.Entry concurrent, TimeSpan warmup, TimeSpan window, int maxSequentialFlips, CpuMeter cpu)
    {
        var one = await Flippers(client, $"{storage}-seq", 1);
        var seq = await ClosedLoop.RunAsync(1, warmup, window, _ => one[0].FlipAsync(), cpu, maxCallsPerCaller: maxSequentialFlips);

        var history = await HistoryAsync(one[0]);

        var many = await Flippers(client, $"{storage}-par", Catalog.FlipRegions);
        var par = await ClosedLoop.RunAsync(many.Length, warmup, window, i => many[i].FlipAsync(), cpu);

        var storageNote = storage == "az" ? " (Azurite's own CPU counts under other processes)" : string.Empty;
        return
        [
            FigureResult.Measured(sequential.Id, sequential.Title, seq.PerSecond, sequential.Unit, sequential.Target, seq.Latency,
                $"{seq.Operations:N0} flips in {seq.Elapsed.TotalSeconds:0.00} s; flip latency {seq.Latency}",
                $"{seq.Cpu}{storageNote}",
                Drift(seq.LatencyTicks, one[0].Epoch),
                history),
            FigureResult.Measured(concurrent.Id, concurrent.Title, par.PerSecond, concurrent.Unit, concurrent.Target, par.Latency,
                $"{par.Operations:N0} flips in {par.Elapsed.TotalSeconds:0.00} s across {many.Length} regions; flip latency {par.Latency}",
                $"{par.Cpu}{storageNote}"),
        ];
    }

    private static async Task<RegionFlipper[]> Flippers(IClusterClient client, string prefix, int count)
    {
        var regions = Seed.Regions(prefix, count);
        var views = await Seed.RegisterAsync(client, regions);
        return views.Select(v => new RegionFlipper(Seed.Pointer(client, v.Region), v)).ToArray();
    }

    /// <summary>
    /// How long the region's history grew, and how little of it a flip rewrites: the state keeps only the chain's
    /// newest entries (older ones are sealed into segments written once) and a bounded set of flip answers.
    /// </summary>
    private static async Task<string> HistoryAsync(RegionFlipper flipper)
    {
        var audit = await flipper.Pointer.GetAuditAsync();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(audit).Length;
        return $"at the end the region's audit chain held {audit.Count:N0} entries (~{bytes / 1024.0:N0} KiB as JSON); a flip rewrites the state with at most the newest " +
            $"{Coordinator.Domain.AuditSealing.TailLimit} of them and the {Coordinator.Switchover.SwitchoverRules.MaxRecentFlips} newest flip answers (idempotency), the rest sealed in segments written once";
    }

    /// <summary>Whether flips slow down as a region's history grows (its whole audit chain is stored on every write).</summary>
    private static string Drift(long[] inOrder, long finalEpoch)
    {
        var tenth = inOrder.Length / 10;
        if (tenth < 5)
        {
            return $"region reached epoch {finalEpoch:N0}";
        }

        var first = LatencySummary.FromTicks(inOrder[..tenth]);
        var last = LatencySummary.FromTicks(inOrder[^tenth..]);
        return $"p50 of first {tenth} flips {first.P50Ms:0.###} ms vs last {tenth} {last.P50Ms:0.###} ms; region reached epoch {finalEpoch:N0}";
    }
}
