using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Coordinator.Fences;

namespace Coordinator.Benchmarks.Fences;

/// <summary>
/// Figures 6 and 8a: background writers renewing their leases, as fast as they can. Each of
/// <see cref="Catalog.FenceCallers"/> writers (distinct writer names in one region) holds its own
/// lease and renews it in a closed loop with the token the previous renewal returned. A renewal writes
/// (ETag-checked) only when it reaches past the stored horizon: with TTL 30 s, once per lease every 15 s.
/// </summary>
internal static class LeaseRenewalFigure
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    public static async Task<FigureResult> RunAsync(
        IClusterClient client, string storage, Catalog.Entry entry, LoadShape shape, CpuMeter cpu)
    {
        var region = $"{storage}-lease-000";
        await Seed.RegisterAsync(client, [region]);
        var writers = await Task.WhenAll(Enumerable.Range(0, Catalog.FenceCallers).Select(i => Writer.AcquireAsync(client, region, i)));

        var load = await ClosedLoop.RunAsync(
            writers.Length, shape.Warmup, shape.Window, i => writers[i].RenewAsync(), cpu, shape.Rounds, settleLimit: shape.SettleLimit);

        var statuses = await Task.WhenAll(writers.Select(w => w.Lease.GetStatusAsync()));
        var renewed = writers.Sum(w => w.Renewals);
        var rejections = statuses.Sum(s => s.Rejections);
        var grants = statuses.Sum(s => s.Grants);
        var stillHeld = statuses.Count(s => s.Holder is { } h && writers.Any(w => w.Token.FencingToken == h.FencingToken && w.Token.HolderId == h.HolderId));
        var storageNote = storage == "az" ? " (Azurite's own CPU counts under other processes)" : string.Empty;
        var result = FigureResult.Measured(entry.Id, entry.Title, load.PerSecond, entry.Unit, entry.Target, load.Latency,
            $"{load.Describe()}; renewal latency {load.Latency}",
            $"{load.Cpu}{storageNote}",
            $"{writers.Length} leases in {Seed.Service}/{region}, TTL {Ttl.TotalSeconds:0} s; {renewed:N0} renewals in all (warm-up included), every one Granted; " +
            $"at the end {stillHeld} of {writers.Length} still held by their writer, {grants} grants (one acquire each), {rejections} rejections",
            "each renewal: client -> gateway -> lease grain, answered from the confirmed state; an ETag-checked state write only when it reaches past the stored horizon (TTL 30 s + 15 s), so about once per lease every 15 s");
        return stillHeld == writers.Length && rejections == 0 && grants == writers.Length
            ? result
            : result with { Verdict = Verdict.Error };
    }

    /// <summary>One writer holding one lease; renewed by a single caller, so not thread-safe.</summary>
    private sealed class Writer(ILeaseGrain lease, LeaseToken token)
    {
        public ILeaseGrain Lease => lease;

        public LeaseToken Token { get; private set; } = token;

        public long Renewals { get; private set; }

        public static async Task<Writer> AcquireAsync(IClusterClient client, string region, int index)
        {
            var lease = client.GetGrain<ILeaseGrain>(FenceKey.Format(Seed.Service, region, $"writer-{index:D3}"));
            var grant = await lease.AcquireAsync($"bench-holder-{index:D3}", Ttl);
            return grant is { Status: LeaseGrantStatus.Granted, Token: { } token }
                ? new Writer(lease, token)
                : throw new InvalidOperationException($"writer {index} could not acquire its lease: {grant.Status}");
        }

        public async Task RenewAsync()
        {
            var grant = await Lease.RenewAsync(Token, Ttl);
            if (grant is not { Status: LeaseGrantStatus.Granted, Token: { } renewed })
            {
                throw new InvalidOperationException($"renewal of {Token.LeaseKey} answered {grant.Status} (latest token {grant.LatestFencingToken}, held {Token.FencingToken})");
            }

            Token = renewed;
            Renewals++;
        }
    }
}
