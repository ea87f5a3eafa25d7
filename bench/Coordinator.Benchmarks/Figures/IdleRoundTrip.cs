using System.Diagnostics;
using Coordinator.Benchmarks.Measure;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// Figures 4r and E4r: one request and its answer after the same random 0-100 ms pause that figures 4 and
/// E4 put before each flip or put. A push from a flip to a resolver is at least one message in (the flip)
/// and one out (the notice), so this is the floor under those figures on this machine: what waking the
/// client's and the server's threads after a pause costs, with no write and no fan-out in it.
/// </summary>
internal static class IdleRoundTrip
{
    public static async Task<FigureResult> RunAsync(Catalog.Entry entry, Func<Task> call, string what, int rounds, CpuMeter cpu, CancellationToken cancellationToken)
    {
        // Unmeasured first, as in figures 4 and E4: warm code paths and connections.
        for (var i = 0; i < PropagationFigure.WarmupRounds(rounds); i++)
        {
            await call();
        }

        var samples = new List<long>(rounds);
        var window = cpu.Start();
        for (var i = 0; i < rounds; i++)
        {
            await Task.Delay(Random.Shared.Next(0, 100), cancellationToken);
            var started = Stopwatch.GetTimestamp();
            await call();
            samples.Add(Stopwatch.GetTimestamp() - started);
        }

        var use = window.Stop();
        var latency = LatencySummary.FromTicks(samples);
        return FigureResult.Measured(entry.Id, entry.Title, latency.P99Ms, entry.Unit, entry.Target, latency,
            $"{rounds:N0} x ({what}) after a random 0-100 ms pause each; round trip {latency}",
            $"{use}",
            "the floor under the push figures: a flip reaches a resolver in no fewer than one message in and one out");
    }
}
