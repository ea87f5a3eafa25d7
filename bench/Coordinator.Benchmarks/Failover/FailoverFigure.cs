using System.Diagnostics;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Figures;
using Coordinator.Benchmarks.Measure;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Coordinator.Benchmarks.Failover;

/// <summary>
/// Figure 12: three silo processes on Azurite and one long-lived client, as a service has. Per kill, a
/// fresh region is registered, the silo hosting its grain is SIGKILLed, and the clock runs from the kill
/// to the first flip of that region that a survivor answers. The dead silo is replaced before the next
/// kill, so every kill hits a full cluster.
/// </summary>
internal static class FailoverFigure
{
    private static readonly TimeSpan FlipDeadline = TimeSpan.FromSeconds(60);

    // A call to a silo that vanished can wait for Orleans' response timeout; a new attempt (same key) goes on sooner.
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(20);

    public static async Task<FigureResult> RunAsync(
        SiloSpec first, string logDirectory, ILoggerFactory logging, int kills, Action<string> say, CancellationToken cancellationToken)
    {
        var entry = Catalog.Failover;
        var silos = new List<(SiloSpec Spec, SiloProcess Process)>();
        var started = 0;
        try
        {
            for (var spec = first; silos.Count < Catalog.FailoverSilos; spec = spec.WithFreePorts())
            {
                silos.Add((spec, await SiloProcess.StartAsync(spec, logDirectory, cancellationToken, $"failover-{started++}")));
            }

            await using var connection = await ClusterConnection.ConnectAsync(first.ClientOptions(), logging, cancellationToken);
            var client = connection.Client;
            var management = client.GetGrain<IManagementGrain>(0);
            var ticks = new List<long>();
            var attempts = new List<int>();
            for (var kill = 0; kill < kills; kill++)
            {
                var region = $"failover-{kill:000}";
                await Seed.RegisterAsync(client, [region]);
                var pointer = Seed.Pointer(client, region);
                var host = await management.GetActivationAddress(pointer)
                    ?? throw new InvalidOperationException($"{region} has no activation after registering");
                var victim = silos.FindIndex(s => s.Spec.SiloPort == host.Endpoint.Port);
                if (victim < 0)
                {
                    throw new InvalidOperationException($"{region} lives on {host}, which is not one of this figure's silos");
                }

                var flip = new FlipRequest
                {
                    Target = Arm.Green,
                    ExpectedEpoch = 0,
                    Operator = Seed.Operator,
                    Reason = "failover figure",
                    IdempotencyKey = Guid.NewGuid().ToString("N"),
                };
                var clock = Stopwatch.GetTimestamp();
                await silos[victim].Process.KillAsync();
                var (result, tries) = await FlipUntilAnsweredAsync(pointer, flip, cancellationToken);
                var elapsed = Stopwatch.GetTimestamp() - clock;

                var now = await management.GetActivationAddress(pointer);
                if (result.Epoch != 1 || now is null || now.Endpoint.Port == host.Endpoint.Port)
                {
                    throw new InvalidOperationException($"{region}: flip answered epoch {result.Epoch} from {now?.ToString() ?? "nowhere"} after {host} was killed");
                }

                ticks.Add(elapsed);
                attempts.Add(tries);
                say($"  kill {kill + 1}/{kills}: {LatencySummary.ToMs(elapsed):0} ms to a flip on {now.Endpoint.Port} ({tries} attempt(s))");

                await silos[victim].Process.DisposeAsync();
                var replacement = silos[victim].Spec.WithFreePorts();
                silos[victim] = (replacement, await SiloProcess.StartAsync(replacement, logDirectory, cancellationToken, $"failover-{started++}"));
            }

            var summary = LatencySummary.FromTicks(ticks);
            return FigureResult.Measured(entry.Id, entry.Title, summary.P50Ms, entry.Unit, entry.Target, summary,
                $"p50 of {kills} kills {summary.P50Ms:0} ms, max {summary.MaxMs:0} ms; each: {string.Join(", ", ticks.Select(t => LatencySummary.ToMs(t).ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms",
                $"client clock: SIGKILL sent -> FlipAsync answered epoch 1 from a survivor; one long-lived client with the SDK's defaults; attempts per kill {string.Join(", ", attempts)} ({AttemptTimeout.TotalSeconds:0} s each, same idempotency key)",
                "silos use the product's membership defaults (probe 1 s, 2 missed probes); the killed silo is replaced after each kill");
        }
        finally
        {
            foreach (var (_, process) in silos)
            {
                await process.DisposeAsync();
            }
        }
    }

    private static async Task<(FlipResult Result, int Attempts)> FlipUntilAnsweredAsync(ISwitchoverGrain pointer, FlipRequest flip, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(FlipDeadline.TotalSeconds * Stopwatch.Frequency);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await pointer.FlipAsync(flip).WaitAsync(AttemptTimeout, cancellationToken), attempt);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException && Stopwatch.GetTimestamp() < deadline)
            {
                // The region's grain is still being moved to a survivor: try again under the same key.
            }

            await Task.Delay(RetryPause, cancellationToken);
        }
    }
}
