using System.Diagnostics;

namespace Coordinator.Benchmarks.Measure;

/// <summary>What a closed-loop run measured.</summary>
/// <param name="RoundRates">Calls per second of each measured round.</param>
/// <param name="LatencyTicks">Every call's duration, caller by caller, each caller's in call order.</param>
internal sealed record LoadResult(long Operations, TimeSpan Elapsed, IReadOnlyList<double> RoundRates, LatencySummary Latency, long[] LatencyTicks, CpuUse? Cpu)
{
    /// <summary>The median round's rate: on a shared machine one disturbed round should not decide the figure.</summary>
    public double PerSecond => RoundRates.Order().ElementAt(RoundRates.Count / 2);

    public string Describe() => RoundRates.Count == 1
        ? $"{Operations:N0} calls in {Elapsed.TotalSeconds:0.00} s"
        : $"{Operations:N0} calls in {RoundRates.Count} rounds, {Elapsed.TotalSeconds:0.00} s in all; median round shown, rounds {string.Join(" / ", RoundRates.Select(r => r.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} per s";
}

/// <summary>
/// N callers, each issuing its next call as soon as the previous one returns, for fixed windows
/// after a warm-up. Every call is timed; calls still in flight when a window closes are finished
/// and counted, and the window's time runs until the last one returns, so the rate is not inflated.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(
        int callers, TimeSpan warmup, TimeSpan window, Func<int, Task> call, CpuMeter cpu, int rounds = 1, int maxCallsPerCaller = int.MaxValue)
    {
        if (warmup > TimeSpan.Zero)
        {
            await RunWindowAsync(callers, warmup, call, maxCallsPerCaller);
        }

        var snapshot = cpu.Start();
        var results = new List<(long[] Ticks, TimeSpan Elapsed)>();
        for (var round = 0; round < rounds; round++)
        {
            results.Add(await RunWindowAsync(callers, window, call, maxCallsPerCaller));
        }

        var use = snapshot.Stop();
        var all = results.SelectMany(r => r.Ticks).ToArray();
        return new LoadResult(
            all.Length,
            TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks)),
            results.Select(r => r.Ticks.Length / r.Elapsed.TotalSeconds).ToList(),
            LatencySummary.FromTicks(all),
            all,
            use);
    }

    private static async Task<(long[] Ticks, TimeSpan Elapsed)> RunWindowAsync(int callers, TimeSpan window, Func<int, Task> call, int maxCallsPerCaller)
    {
        var samples = new List<long>[callers];
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var workers = new Task[callers];
        for (var i = 0; i < callers; i++)
        {
            var caller = i;
            samples[caller] = new List<long>(4096);
            workers[caller] = Task.Run(() => CallerAsync(caller, stopAt, call, samples[caller], maxCallsPerCaller));
        }

        await Task.WhenAll(workers);
        return (samples.SelectMany(s => s).ToArray(), Stopwatch.GetElapsedTime(started));
    }

    private static async Task CallerAsync(int caller, long stopAt, Func<int, Task> call, List<long> samples, int maxCalls)
    {
        while (samples.Count < maxCalls)
        {
            var before = Stopwatch.GetTimestamp();
            if (before >= stopAt)
            {
                return;
            }

            await call(caller);
            samples.Add(Stopwatch.GetTimestamp() - before);
        }
    }
}
