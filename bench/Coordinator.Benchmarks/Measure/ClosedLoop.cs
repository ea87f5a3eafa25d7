using System.Diagnostics;

namespace Coordinator.Benchmarks.Measure;

/// <summary>What a closed-loop run measured.</summary>
/// <param name="RoundRates">Calls per second of each measured round.</param>
/// <param name="LatencyTicks">Every call's duration, caller by caller, each caller's in call order.</param>
/// <param name="Warmup">How the warm-up went, when it was asked to wait for a steady rate.</param>
internal sealed record LoadResult(long Operations, TimeSpan Elapsed, IReadOnlyList<double> RoundRates, LatencySummary Latency, long[] LatencyTicks, CpuUse? Cpu, WarmupReport? Warmup = null)
{
    /// <summary>The median round's rate: on a shared machine one disturbed round should not decide the figure.</summary>
    public double PerSecond => RoundRates.Order().ElementAt(RoundRates.Count / 2);

    public string Describe() => (RoundRates.Count == 1
        ? $"{Operations:N0} calls in {Elapsed.TotalSeconds:0.00} s"
        : $"{Operations:N0} calls in {RoundRates.Count} rounds, {Elapsed.TotalSeconds:0.00} s in all; median round shown, rounds {Rates(RoundRates)} per s")
        + (Warmup is { } w ? $"; measured after {w}" : string.Empty);

    internal static string Rates(IEnumerable<double> rates) =>
        string.Join(" / ", rates.Select(r => r.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A warm-up that ran until the rate stopped climbing (JIT tiering takes seconds on a busy 2-core machine).</summary>
internal sealed record WarmupReport(TimeSpan Elapsed, bool Settled, IReadOnlyList<double> WindowRates)
{
    public override string ToString() =>
        $"{Elapsed.TotalSeconds:0.0} s of warm-up ({(Settled ? "rate and JIT settled" : "rate or JIT still moving at the limit")}; windows {LoadResult.Rates(WindowRates)} per s)";
}

/// <summary>
/// N callers, each issuing its next call as soon as the previous one returns, for fixed windows
/// after a warm-up. Every call is timed; calls still in flight when a window closes are finished
/// and counted, and the window's time runs until the last one returns, so the rate is not inflated.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>A warm-up window that beats the best so far by less than this is "not climbing".</summary>
    private const double Climbing = 1.10;

    /// <summary>A warm-up window in which the JIT compiled more methods than this still counts as warming up.</summary>
    private const long JitQuiet = 20;

    /// <param name="settleLimit">
    /// When longer than <paramref name="warmup"/>: keep warming up in windows of <paramref name="warmup"/>
    /// until two windows in a row no longer beat the best rate by 10 % and the JIT of the measured
    /// processes (<see cref="CpuMeter.CompiledMethods"/>) has gone quiet, or this much time has passed.
    /// Tiered JIT takes seconds to promote the messaging path of a fresh client and silo, and the
    /// rate climbs several-fold meanwhile, sometimes in one step after seconds of a flat rate.
    /// </param>
    public static async Task<LoadResult> RunAsync(
        int callers, TimeSpan warmup, TimeSpan window, Func<int, Task> call, CpuMeter cpu, int rounds = 1, int maxCallsPerCaller = int.MaxValue,
        TimeSpan settleLimit = default)
    {
        WarmupReport? warmed = null;
        if (warmup > TimeSpan.Zero)
        {
            warmed = await WarmUpAsync(callers, warmup, settleLimit, call, cpu, maxCallsPerCaller);
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
            use,
            warmed);
    }

    private static async Task<WarmupReport?> WarmUpAsync(int callers, TimeSpan warmup, TimeSpan settleLimit, Func<int, Task> call, CpuMeter cpu, int maxCallsPerCaller)
    {
        var started = Stopwatch.GetTimestamp();
        var first = await RunWindowAsync(callers, warmup, call, maxCallsPerCaller);
        if (settleLimit <= warmup)
        {
            return null;
        }

        var rates = new List<double> { first.Ticks.Length / first.Elapsed.TotalSeconds };
        var best = rates[0];
        var flat = 0;
        var jitQuiet = false;
        while (!(flat >= 2 && jitQuiet) && Stopwatch.GetElapsedTime(started) < settleLimit)
        {
            var compiled = cpu.CompiledMethods;
            var next = await RunWindowAsync(callers, warmup, call, maxCallsPerCaller);
            var rate = next.Ticks.Length / next.Elapsed.TotalSeconds;
            rates.Add(rate);
            flat = rate > best * Climbing ? 0 : flat + 1;
            best = Math.Max(best, rate);
            jitQuiet = compiled is not { } before || cpu.CompiledMethods is not { } after || after - before <= JitQuiet;
        }

        return new WarmupReport(Stopwatch.GetElapsedTime(started), flat >= 2 && jitQuiet, rates);
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

/// <summary>How long a closed-loop figure warms up and measures.</summary>
/// <param name="SettleLimit">See <see cref="ClosedLoop.RunAsync"/>; zero for a plain warm-up.</param>
internal sealed record LoadShape(TimeSpan Warmup, TimeSpan SettleLimit, TimeSpan Window, int Rounds);
