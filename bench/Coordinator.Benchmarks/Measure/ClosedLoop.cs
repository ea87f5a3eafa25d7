using System.Diagnostics;

namespace Coordinator.Benchmarks.Measure;

/// <summary>What a closed-loop run measured.</summary>
/// <param name="LatencyTicks">Every call's duration, caller by caller, each caller's in call order.</param>
internal sealed record LoadResult(long Operations, TimeSpan Elapsed, LatencySummary Latency, long[] LatencyTicks)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
}

/// <summary>
/// N callers, each issuing its next call as soon as the previous one returns, for a fixed window
/// after a warm-up. Every call is timed; calls still in flight when the window closes are finished
/// and counted, and the elapsed time runs until the last one returns, so the rate is not inflated.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(
        int callers, TimeSpan warmup, TimeSpan window, Func<int, Task> call, int maxCallsPerCaller = int.MaxValue)
    {
        if (warmup > TimeSpan.Zero)
        {
            await RunWindowAsync(callers, warmup, call, maxCallsPerCaller);
        }

        return await RunWindowAsync(callers, window, call, maxCallsPerCaller);
    }

    private static async Task<LoadResult> RunWindowAsync(int callers, TimeSpan window, Func<int, Task> call, int maxCallsPerCaller)
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
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = samples.SelectMany(s => s).ToArray();
        return new LoadResult(all.Length, elapsed, LatencySummary.FromTicks(all), all);
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
