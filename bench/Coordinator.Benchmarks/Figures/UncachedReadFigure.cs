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
    public static async Task<IReadOnlyList<FigureResult>> RunAsync(IClusterClient client, BenchProfile profile)
    {
        var regions = Seed.Regions("read", Catalog.ReadRegions);
        await Seed.RegisterAsync(client, regions);
        var pointers = regions.Select(r => Seed.Pointer(client, r)).ToArray();

        var concurrent = await ClosedLoop.RunAsync(
            Catalog.ReadCallers, profile.Warmup, profile.Window, caller => pointers[caller % pointers.Length].GetActiveArmAsync());
        var single = await ClosedLoop.RunAsync(
            1, profile.Warmup / 2, profile.Window / 2, _ => pointers[0].GetActiveArmAsync());

        var entry = Catalog.UncachedRead;
        var reference = Catalog.UncachedReadSingle;
        return
        [
            FigureResult.Measured(entry.Id, entry.Title, concurrent.PerSecond, entry.Unit, entry.Target, concurrent.Latency,
                $"{concurrent.Operations:N0} calls in {concurrent.Elapsed.TotalSeconds:0.00} s over {regions.Length} regions; latency {concurrent.Latency}",
                "each reply carries the full ActiveArmView (both manifests)"),
            FigureResult.Measured(reference.Id, reference.Title, single.PerSecond, reference.Unit, reference.Target, single.Latency,
                $"latency {single.Latency}"),
        ];
    }
}
