using System.Diagnostics;
using System.Runtime.CompilerServices;
using Coordinator.Client;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// Figure 1, with BenchmarkDotNet in-process (see <see cref="MicroBenchmark"/>) on the very resolver
/// a service holds, already connected and loaded. A plain Stopwatch loop runs beside it as a cross-check.
/// </summary>
internal static class CachedReadFigure
{
    public static FigureResult Run(ActiveArmResolver resolver, string service, string region, BenchProfile profile, string runDirectory)
    {
        var entry = Catalog.CachedRead;
        CachedReadBenchmarks.Subject = (resolver, service, region);
        try
        {
            var crossCheck = StopwatchLoop(resolver, service, region, profile.CrossCheck);
            var (cases, logPath) = MicroBenchmark.Run<CachedReadBenchmarks>(profile, runDirectory, "cached-read");

            // The median, not the mean: on this shared 2-core machine a preempted iteration is an outlier, not a cost.
            var medianNs = MicroBenchmark.MedianNs(cases, nameof(CachedReadBenchmarks.GetAsync), logPath);
            var notes = new List<string>
            {
                $"BenchmarkDotNet {MicroBenchmark.Describe(cases[nameof(CachedReadBenchmarks.GetAsync)])} (in-process emit toolchain, log: {logPath})",
                $"Stopwatch cross-check: {crossCheck:N0} reads/s (median of 1M-call batches)",
            };
            notes.AddRange(MicroBenchmark.Others(cases, nameof(CachedReadBenchmarks.GetAsync),
                [nameof(CachedReadBenchmarks.TryGetCached), nameof(CachedReadBenchmarks.DictionaryLookup), nameof(CachedReadBenchmarks.PinnedRead)]));
            return FigureResult.Measured(entry.Id, entry.Title, 1e9 / medianNs, entry.Unit, entry.Target, latency: null, notes);
        }
        finally
        {
            CachedReadBenchmarks.Subject = null;
        }
    }

    /// <summary>Median rate over 1M-call batches, after the batch method has been promoted by tiering.</summary>
    private static double StopwatchLoop(ActiveArmResolver resolver, string service, string region, TimeSpan duration)
    {
        const int batch = 1_000_000;
        var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
        while (Stopwatch.GetTimestamp() < warmUntil)
        {
            Batch(resolver, service, region, batch / 10);
        }

        var rates = new List<double>();
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < stopAt || rates.Count < 3)
        {
            var started = Stopwatch.GetTimestamp();
            Batch(resolver, service, region, batch);
            rates.Add(batch / Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        rates.Sort();
        return rates[rates.Count / 2];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Batch(ActiveArmResolver resolver, string service, string region, int calls)
    {
        long sink = 0;
        for (var i = 0; i < calls; i++)
        {
            var pending = resolver.GetAsync(service, region);
            sink += (pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult()).Epoch;
        }

        return sink;
    }
}
