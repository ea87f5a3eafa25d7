using System.Diagnostics;
using System.Runtime.CompilerServices;
using Coordinator.Benchmarks.Cluster;
using Coordinator.Benchmarks.Figures;
using Coordinator.Client.Fences;
using Coordinator.Fences;

namespace Coordinator.Benchmarks.Fences;

/// <summary>
/// Figure 5: a write sink's check of the token a writer presents, through the SDK guard with its
/// product defaults (1 s answer cache, lease stream subscription), one thread. The writer holds a
/// real lease through <see cref="FencedWriter"/>; the guard validated its token once before the
/// measurement, so the checks are answered from the cache except for one re-validation each time the
/// cached answer runs out (every second by default), which the figure includes as a sink would see it.
/// </summary>
internal static class GuardFigure
{
    private const string Region = "guard-000";
    private const string Writer = "sink-writer";

    public static async Task<FigureResult> RunAsync(IClusterClient client, BenchProfile profile, string runDirectory)
    {
        var entry = Catalog.GuardCheck;
        await Seed.RegisterAsync(client, [Region]);
        await using var writer = new FencedWriter(client, Seed.Service, Region, Writer);
        await writer.StartAsync();
        var token = writer.CurrentToken ?? throw new InvalidOperationException($"the benchmark writer did not get its lease (state {writer.State})");
        await using var guard = new LeaseSinkGuard(client);
        var first = await guard.CheckAsync(token);
        if (first != LeaseValidity.Valid)
        {
            throw new InvalidOperationException($"the lease answered {first} for the token it just granted");
        }

        GuardBenchmarks.Subject = (guard, token);
        try
        {
            var hitsBefore = guard.CacheHits;
            var (rate, calls) = StopwatchLoop(guard, token, profile.CrossCheck);
            var misses = calls - (guard.CacheHits - hitsBefore);

            var (cases, logPath) = MicroBenchmark.Run<GuardBenchmarks>(profile, runDirectory, "sink-guard");
            var main = nameof(GuardBenchmarks.CheckAsync);
            var medianNs = MicroBenchmark.MedianNs(cases, main, logPath);
            var notes = new List<string>
            {
                $"BenchmarkDotNet {MicroBenchmark.Describe(cases[main])} (in-process emit toolchain, log: {logPath})",
                $"Stopwatch cross-check: {rate:N0} checks/s (median of 1M-call batches); {calls:N0} checks, {misses:N0} asked the lease (cache answer expired), the rest from the cache",
                $"guard with product defaults (1 s answer cache); token {token.FencingToken} of {token.LeaseKey} held by a FencedWriter (30 s TTL, renewed at half)",
            };
            notes.AddRange(MicroBenchmark.Others(cases, main,
                [nameof(GuardBenchmarks.IsValidAsync), nameof(GuardBenchmarks.DictionaryLookupAndLock), nameof(GuardBenchmarks.UtcNow)]));
            return FigureResult.Measured(entry.Id, entry.Title, 1e9 / medianNs, entry.Unit, entry.Target, latency: null, notes);
        }
        finally
        {
            GuardBenchmarks.Subject = null;
        }
    }

    /// <summary>Median rate over 1M-call batches after a warm-up; also how many checks were made.</summary>
    private static (double Rate, long Calls) StopwatchLoop(LeaseSinkGuard guard, LeaseToken token, TimeSpan duration)
    {
        const int batch = 1_000_000;
        long calls = 0;
        var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
        while (Stopwatch.GetTimestamp() < warmUntil)
        {
            calls += Batch(guard, token, batch / 10);
        }

        var rates = new List<double>();
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < stopAt || rates.Count < 3)
        {
            var started = Stopwatch.GetTimestamp();
            calls += Batch(guard, token, batch);
            rates.Add(batch / Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        rates.Sort();
        return (rates[rates.Count / 2], calls);
    }

    /// <summary>Checks <paramref name="checks"/> times; throws if any answer is not Valid.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Batch(LeaseSinkGuard guard, LeaseToken token, int checks)
    {
        var valid = 0L;
        for (var i = 0; i < checks; i++)
        {
            var pending = guard.CheckAsync(token);
            var answer = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            valid += answer == LeaseValidity.Valid ? 1 : 0;
        }

        return valid == checks ? checks : throw new InvalidOperationException($"{checks - valid} of {checks} checks of a held token were not Valid");
    }
}
