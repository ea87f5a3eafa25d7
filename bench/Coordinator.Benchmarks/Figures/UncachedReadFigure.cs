using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Measure;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// Figure 2: GetActiveArmAsync straight to the grain (no SDK cache) from a client in this process
/// to the silo child over the gateway's TCP port. The callers spread over a few regions, as a
/// fleet's services would; the call is [ReadOnly, AlwaysInterleave], so one hot region would do as well.
/// </summary>
internal static class UncachedReadFigure
{
    public static async Task<IReadOnlyList<FigureResult>> RunAsync(IClusterClient client, BenchProfile profile, CpuMeter cpu)
    {
        var regions = Seed.Regions("read", Catalog.ReadRegions);
        await Seed.RegisterAsync(client, regions);
        var pointers = regions.Select(r => Seed.Pointer(client, r)).ToArray();

        var concurrent = await ClosedLoop.RunAsync(
            Catalog.ReadCallers, profile.Warmup, profile.ReadWindow, caller => pointers[caller % pointers.Length].GetActiveArmAsync(), cpu, profile.ReadRounds,
            settleLimit: profile.SettleLimit);
        var single = await ClosedLoop.RunAsync(
            1, profile.Warmup / 2, profile.ReadWindow / 2, _ => pointers[0].GetActiveArmAsync(), cpu);

        var entry = Catalog.UncachedRead;
        var reference = Catalog.UncachedReadSingle;
        return
        [
            FigureResult.Measured(entry.Id, entry.Title, concurrent.PerSecond, entry.Unit, entry.Target, concurrent.Latency,
                $"{concurrent.Describe()}; {regions.Length} regions; latency {concurrent.Latency}",
                $"{concurrent.Cpu}",
                "each reply carries the full ActiveArmView (both manifests)"),
            FigureResult.Measured(reference.Id, reference.Title, single.PerSecond, reference.Unit, reference.Target, single.Latency,
                $"latency {single.Latency}", $"{single.Cpu}"),
        ];
    }
}
