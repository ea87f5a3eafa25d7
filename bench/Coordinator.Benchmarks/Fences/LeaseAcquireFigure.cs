using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Coordinator.Fences;

namespace Coordinator.Benchmarks.Fences;

/// <summary>
/// The peer run's lease acquire (beside etcd's grant + put): <see cref="Catalog.FenceCallers"/> callers,
/// each acquiring a free lease in a closed loop. A region lists at most 512 writers, so each caller
/// cycles over <see cref="LeasesPerCaller"/> leases of its own: it acquires one, starts its release
/// without waiting (untimed, but its state write loads the silo and storage meanwhile), and before it
/// comes back to that lease waits for the release to finish. A lease acquired again within
/// <c>LeaseRules.ChurnWindow</c> grants from its reserved block without a write; it writes (ETag-checked) when the
/// block or its horizon runs out, about once per half TTL here, and records what memory holds then.
/// </summary>
internal static class LeaseAcquireFigure
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private const int LeasesPerCaller = 8;

    /// <summary>Callers per region: 32 x 8 = 256 writers, half of what a region may list.</summary>
    private const int CallersPerRegion = 32;

    public static async Task<FigureResult> RunAsync(IClusterClient client, string storage, Catalog.Entry entry, LoadShape shape, CpuMeter cpu)
    {
        var callers = Catalog.FenceCallers;
        var regions = Seed.Regions($"{storage}-acquire", (callers + CallersPerRegion - 1) / CallersPerRegion);
        await Seed.RegisterAsync(client, regions);
        var leases = Enumerable.Range(0, callers).Select(c => Enumerable.Range(0, LeasesPerCaller)
            .Select(j => client.GetGrain<ILeaseGrain>(FenceKey.Format(Seed.Service, regions[c / CallersPerRegion], $"writer-{c:D3}-{j}"))).ToArray()).ToArray();
        var releases = Enumerable.Range(0, callers).Select(_ => new Task[LeasesPerCaller]).ToArray();
        var turns = new long[callers];
        long acquired = 0;
        var load = await ClosedLoop.RunAsync(callers, shape.Warmup, shape.Window, async c =>
        {
            var j = (int)(turns[c]++ % LeasesPerCaller);
            if (releases[c][j] is { } pending)
            {
                await pending;
            }

            var grant = await leases[c][j].AcquireAsync($"bench-holder-{c:D3}", Ttl);
            if (grant is not { Status: LeaseGrantStatus.Granted, Token: { } token })
            {
                throw new InvalidOperationException($"acquire of a free lease answered {grant.Status}");
            }

            Interlocked.Increment(ref acquired);
            releases[c][j] = leases[c][j].ReleaseAsync(token);
        }, cpu, shape.Rounds, settleLimit: shape.SettleLimit);
        await Task.WhenAll(releases.SelectMany(r => r).Where(t => t is not null));
        var storageNote = storage == "az" ? " (Azurite's own CPU counts under other processes)" : string.Empty;
        return FigureResult.Measured(entry.Id, entry.Title, load.PerSecond, entry.Unit, entry.Target, load.Latency,
            $"{load.Describe()}; acquire latency {load.Latency}",
            $"{load.Cpu}{storageNote}",
            $"{acquired:N0} acquires of {callers * LeasesPerCaller} leases in {regions.Length} regions of {Seed.Service}, TTL {Ttl.TotalSeconds:0} s, every one Granted; " +
            "each followed by its release, started without waiting (untimed; it changes memory only, recorded with the lease's next write)");
    }
}
