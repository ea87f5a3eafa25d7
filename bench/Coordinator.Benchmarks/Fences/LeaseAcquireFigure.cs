using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Coordinator.Fences;

namespace Coordinator.Benchmarks.Fences;

/// <summary>
/// The peer run's lease acquire (beside etcd's grant + put): <see cref="Catalog.FenceCallers"/> callers,
/// each acquiring a lease no one held before (a fresh writer name per call), as a fleet of new writers
/// would. Every acquire activates a lease grain, reads its (empty) state and writes the grant.
/// </summary>
internal static class LeaseAcquireFigure
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    public static async Task<FigureResult> RunAsync(IClusterClient client, string storage, Catalog.Entry entry, LoadShape shape, CpuMeter cpu)
    {
        var region = $"{storage}-acquire-000";
        await Seed.RegisterAsync(client, [region]);
        long next = 0;
        var load = await ClosedLoop.RunAsync(Catalog.FenceCallers, shape.Warmup, shape.Window, async _ =>
        {
            var n = Interlocked.Increment(ref next);
            var lease = client.GetGrain<ILeaseGrain>(FenceKey.Format(Seed.Service, region, $"writer-{n:D8}"));
            var grant = await lease.AcquireAsync($"bench-holder-{n:D8}", Ttl);
            if (grant.Status != LeaseGrantStatus.Granted)
            {
                throw new InvalidOperationException($"acquire of a fresh lease answered {grant.Status}");
            }
        }, cpu, shape.Rounds, settleLimit: shape.SettleLimit);
        var storageNote = storage == "az" ? " (Azurite's own CPU counts under other processes)" : string.Empty;
        return FigureResult.Measured(entry.Id, entry.Title, load.PerSecond, entry.Unit, entry.Target, load.Latency,
            $"{load.Describe()}; acquire latency {load.Latency}",
            $"{load.Cpu}{storageNote}",
            $"{next:N0} fresh leases acquired in {Seed.Service}/{region}, TTL {Ttl.TotalSeconds:0} s, every one Granted");
    }
}
