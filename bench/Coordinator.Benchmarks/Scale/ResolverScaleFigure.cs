using System.Diagnostics;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Coordinator.Client;
using Microsoft.Extensions.Logging;

namespace Coordinator.Benchmarks.Scale;

/// <summary>
/// Figures 18e-g: one ActiveArmResolver, on its own Orleans client as a service process has it,
/// subscribed to many regions: how long the first read of each takes, the heap each subscribed region
/// holds, and flip -> Changed for a few flips among them (sent from the operator client).
/// </summary>
internal static class ResolverScaleFigure
{
    private static readonly TimeSpan FlipTimeout = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<FigureResult>> RunAsync(
        SiloSpec spec, IClusterClient operatorClient, ILoggerFactory logging, IReadOnlyList<PointerKey> regions, int flips, CpuMeter cpu,
        Action<string> say, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.ConnectAsync(spec.ClientOptions(), logging, cancellationToken);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        await using var resolver = new ActiveArmResolver(connection.Client);
        var ticks = new long[regions.Count];
        var window = cpu.Start();
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, regions.Count, new ParallelOptions { MaxDegreeOfParallelism = Catalog.ScaleInFlight, CancellationToken = cancellationToken }, async (i, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            var arm = await resolver.GetAsync(regions[i].Service, regions[i].Region);
            ticks[i] = Stopwatch.GetTimestamp() - started;
            if (arm.Arm != Arm.Blue || arm.Epoch != 0)
            {
                throw new InvalidOperationException($"the resolver's first read of {arm.CacheKey} answered {arm.Arm} at epoch {arm.Epoch}, expected Blue at epoch 0");
            }
        });
        clock.Stop();
        var subscribing = window.Stop();
        var bytesPerRegion = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (double)regions.Count;
        var firstReads = LatencySummary.FromTicks(ticks);
        say($"  resolver subscribed to {regions.Count:N0} regions in {clock.Elapsed.TotalMilliseconds:N0} ms (first reads {firstReads}), {bytesPerRegion:N0} bytes/region");

        var (flipped, flipCpu) = await FlipAsync(operatorClient, resolver, regions, flips, cpu, cancellationToken);
        var seen = LatencySummary.FromTicks(flipped);
        say($"  {flipped.Count} of {flips} flips seen by the resolver: {seen}");

        var subscribe = Catalog.ScaleResolverSubscribe(regions.Count);
        var flipEntry = Catalog.ScaleResolverFlip(regions.Count);
        var checkedNote = $"checked: every first read answered Blue at epoch 0; stream notifications applied {resolver.NotificationsApplied:N0}";
        var flipFigure = flipped.Count == flips
            ? FigureResult.Measured(flipEntry.Id, flipEntry.Title, seen.P99Ms, flipEntry.Unit, null, seen,
                $"{flips} flips, each of a different region picked at random among the {regions.Count:N0}, a random 0-100 ms pause before each, sent from the operator client; "
                + $"from just before FlipAsync to the resolver's Changed for that region at the new epoch: {seen}",
                checkedNote,
                $"{flipCpu}")
            : FigureResult.Failed(flipEntry.Id, flipEntry.Title, flipEntry.Unit, null, new InvalidOperationException(
                $"the resolver raised Changed for {flipped.Count} of {flips} flips of regions it subscribed to within {FlipTimeout.TotalSeconds:0} s each"));
        return
        [
            FigureResult.Measured(subscribe.Id, subscribe.Title, clock.Elapsed.TotalMilliseconds, subscribe.Unit, null, firstReads,
                $"the resolver on its own Orleans client; each first GetAsync subscribes to the region's flip stream, then reads its pointer; per region {firstReads}",
                $"{subscribing}"),
            FigureResult.Measured(Catalog.ScaleResolverMemory.Id, Catalog.ScaleResolverMemory.Title, bytesPerRegion, Catalog.ScaleResolverMemory.Unit, null, null,
                $"GC.GetTotalMemory(forceFullCollection: true) after the resolver's client connected and after its {regions.Count:N0} first reads, over the regions; "
                + "the whole process: the resolver's cache entries and stream subscriptions, and the silo's side of them (pub-sub state, stream consumers); the pointers were active before"),
            flipFigure,
        ];
    }

    /// <summary>Flips distinct random regions one at a time; per flip the delay to the resolver's Changed, or none within the timeout.</summary>
    private static async Task<(List<long> Seen, CpuUse? Cpu)> FlipAsync(
        IClusterClient operatorClient, ActiveArmResolver resolver, IReadOnlyList<PointerKey> regions, int flips, CpuMeter cpu, CancellationToken cancellationToken)
    {
        var random = new Random(18);
        var picked = regions.ToArray();
        random.Shuffle(picked);
        Round? waiting = null;
        resolver.Changed += arm =>
        {
            var now = Stopwatch.GetTimestamp();
            if (Volatile.Read(ref waiting) is { } w && arm.Epoch == w.Epoch && arm.Service == w.Region.Service && arm.Region == w.Region.Region)
            {
                w.At.TrySetResult(now);
            }
        };

        var seen = new List<long>(flips);
        var window = cpu.Start();
        foreach (var region in picked.Take(flips))
        {
            await Task.Delay(random.Next(0, 100), cancellationToken);
            var pointer = region.Grain(operatorClient);
            var flipper = new RegionFlipper(pointer, await pointer.GetActiveArmAsync());
            var round = new Round(region, flipper.Epoch + 1);
            Volatile.Write(ref waiting, round);
            var started = Stopwatch.GetTimestamp();
            await flipper.FlipAsync();
            try
            {
                seen.Add(await round.At.Task.WaitAsync(FlipTimeout, cancellationToken) - started);
            }
            catch (TimeoutException)
            {
                // Counted as missing by the caller.
            }
        }

        return (seen, window.Stop());
    }

    /// <summary>The flip being waited for: the resolver's Changed for this region at this epoch.</summary>
    private sealed record Round(PointerKey Region, long Epoch)
    {
        public TaskCompletionSource<long> At { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
