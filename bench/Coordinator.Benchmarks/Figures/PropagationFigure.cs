using System.Diagnostics;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Measure;
using Coordinator.Client;
using Coordinator.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// Figures 4 and 4z: from just before FlipAsync is sent to each subscribed resolver's Changed event for
/// the new epoch, in embedded mode (4) or azure mode on Azurite (4z, so the flip's own durable write is
/// inside the figure, as etcd's fsync is inside its watch figure). Resolvers learn of a flip from the
/// notice the pointer pushes once the write is confirmed (resolvers with their default options, which do
/// not follow the flip stream); the notes say how many came by push. Realistic shape by default: one Orleans client per resolver,
/// since a resolver is "one per process" and each service process has its own client, gateway connection
/// and subscriptions. The flips come from a separate operator client. A random pause of 0-100 ms before
/// each flip keeps flips from locking onto the phase of the stream's polling timer.
/// </summary>
internal static class PropagationFigure
{
    private const string Region = "prop-000";
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The silo's flip-stream polling period (2 ms, in-memory queues in both modes) unless an experiment overrides it.</summary>
    private static int PollMs(SiloSpec spec) => spec.StreamPollMs ?? 2;

    /// <summary>
    /// Unmeasured flips before the measured ones, on both sides of a peer run: a silo and an etcd serve for weeks,
    /// so the figures are of warm code paths (tiered JIT done, pools filled), not of each process's first minute.
    /// </summary>
    internal static int WarmupRounds(int flips) => Math.Max(10, flips / 4);

    public static async Task<FigureResult> RunAsync(
        Catalog.Entry entry, SiloSpec spec, IClusterClient operatorClient, ILoggerFactory logging, int resolverCount, int clientCount, int flips, CpuMeter cpu, TextWriter progress, CancellationToken cancellationToken)
    {
        var views = await Seed.RegisterAsync(operatorClient, [Region]);
        var flipper = new RegionFlipper(Seed.Pointer(operatorClient, Region), views[0]);
        var pointer = Seed.Pointer(operatorClient, Region);
        var connections = new List<ClusterConnection>();
        var resolvers = new List<ActiveArmResolver>();
        try
        {
            var connecting = Stopwatch.StartNew();
            while (connections.Count < clientCount)
            {
                var batch = Math.Min(10, clientCount - connections.Count);
                connections.AddRange(await Task.WhenAll(Enumerable.Range(0, batch)
                    .Select(_ => ClusterConnection.ConnectAsync(spec.ClientOptions(), logging, cancellationToken))));
            }

            for (var i = 0; i < resolverCount; i++)
            {
                resolvers.Add(new ActiveArmResolver(connections[i % clientCount].Client));
            }

            await Task.WhenAll(resolvers.Select(r => r.GetAsync(Seed.Service, Region).AsTask()));
            await progress.WriteLineAsync($"  {clientCount} clients connected, {resolverCount} resolvers subscribed in {connecting.Elapsed.TotalSeconds:0.0} s");

            var probe = new PropagationProbe(resolverCount);
            for (var i = 0; i < resolverCount; i++)
            {
                var index = i;
                resolvers[i].Changed += arm => probe.Observe(index, arm);
            }

            var delays = new List<long>(flips * resolverCount);
            var fleetWide = new List<long>(flips);
            var flipCalls = new List<long>(flips);
            var firstSeen = new List<long>(flips);
            var spread = new List<long>(flips);
            var firstAfterAnswer = new List<long>(flips);
            var missed = 0;
            var timedOutRounds = 0;
            var rounds = 0;
            for (var i = 0; i < WarmupRounds(flips); i++)
            {
                await Task.Delay(Random.Shared.Next(0, 100), cancellationToken);
                var round = probe.Begin(flipper.Epoch + 1);
                flipper.Flipped(await pointer.FlipAsync(flipper.Next()));
                try
                {
                    await round.AllSeen.Task.WaitAsync(RoundTimeout, cancellationToken);
                }
                catch (TimeoutException)
                {
                    // Unmeasured: a resolver that missed a warm-up flip shows up in the measured rounds' misses.
                }
            }

            var cpuWindow = cpu.Start();
            for (; rounds < flips && timedOutRounds < 3; rounds++)
            {
                await Task.Delay(Random.Shared.Next(0, 100), cancellationToken);
                var round = probe.Begin(flipper.Epoch + 1);
                var result = await pointer.FlipAsync(flipper.Next());
                flipCalls.Add(Stopwatch.GetTimestamp() - round.StartedAt);
                flipper.Flipped(result);
                try
                {
                    await round.AllSeen.Task.WaitAsync(RoundTimeout, cancellationToken);
                    fleetWide.Add(Stopwatch.GetTimestamp() - round.StartedAt);
                    timedOutRounds = 0;
                }
                catch (TimeoutException)
                {
                    timedOutRounds++;
                }

                var seen = round.Delays().ToList();
                delays.AddRange(seen);
                if (seen.Count > 0)
                {
                    firstSeen.Add(seen.Min());
                    spread.Add(seen.Max() - seen.Min());
                    firstAfterAnswer.Add(Math.Max(0, seen.Min() - flipCalls[^1]));
                }

                // A resolver that never saw this epoch counts at the round's timeout: a miss is never a fast sample.
                var missing = resolverCount - seen.Count;
                missed += missing;
                delays.AddRange(Enumerable.Repeat((long)(RoundTimeout.TotalSeconds * Stopwatch.Frequency), missing));
            }

            var cpuUse = cpuWindow.Stop();
            var applied = resolvers.Sum(r => r.NotificationsApplied);
            var pushed = resolvers.Sum(r => r.PushNoticesApplied);
            var latency = LatencySummary.FromTicks(delays);
            var allSeen = LatencySummary.FromTicks(fleetWide);
            var calls = LatencySummary.FromTicks(flipCalls);
            var notes = new List<string>
            {
                $"{rounds:N0} flips x {resolverCount} resolvers over {clientCount} Orleans clients, after {WarmupRounds(flips)} unmeasured; per-resolver delay {latency}",
                $"until all {resolverCount} had the flip: p50 {allSeen.P50Ms:0.##} ms, p99 {allSeen.P99Ms:0.##} ms",
                $"FlipAsync itself returned after p50 {calls.P50Ms:0.##} ms, p99 {calls.P99Ms:0.##} ms",
                $"breakdown per flip: first resolver had it after {Quantiles(firstSeen)} ({Quantiles(firstAfterAnswer)} after FlipAsync answered; " +
                $"pushed one-way by the service's notifier; the resolvers' periodic re-read is the safety net, the stream (polled every {PollMs(spec)} ms) reaches none of them); first -> last of {resolverCount} resolvers {Quantiles(spread)} (fan-out to every subscriber)",
                $"{cpuUse}",
                $"notices applied: {applied:N0}, by push {pushed:N0} ({Share(pushed, applied)}), by the stream {applied - pushed:N0}; missed deliveries (counted at {RoundTimeout.TotalSeconds:0} s): {missed:N0}",
            };
            if (timedOutRounds >= 3)
            {
                notes.Add("stopped early: three flips in a row did not reach every resolver");
            }

            return FigureResult.Measured(entry.Id, entry.Title, latency.P99Ms, entry.Unit, entry.Target, latency, notes);

            static string Share(long part, long whole) => whole == 0 ? "-" : $"{100.0 * part / whole:0.#} %";

            static string Quantiles(List<long> ticks)
            {
                var summary = LatencySummary.FromTicks(ticks);
                return $"p50 {summary.P50Ms:0.##} ms, p99 {summary.P99Ms:0.##} ms";
            }
        }
        finally
        {
            await Task.WhenAll(resolvers.Select(r => r.DisposeAsync().AsTask()));
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}
