using System.Diagnostics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Coordinator.Client;
using Perfolizer.Horology;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// Figure 1, with BenchmarkDotNet. Its default toolchain would build and start a fresh process per
/// benchmark, which would need its own Orleans client, silo connection and loaded region: the
/// in-process emit toolchain instead measures the very resolver a service holds, already connected
/// and loaded, and still gives BenchmarkDotNet's pilot/warm-up/overhead-subtraction and allocation
/// counts. A plain Stopwatch loop runs beside it as a cross-check.
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
            var logPath = Path.Combine(runDirectory, "cached-read.benchmarkdotnet.log");
            Summary summary;
            using (var logger = new StreamLogger(logPath))
            {
                summary = BenchmarkRunner.Run<CachedReadBenchmarks>(Config(profile, logger, runDirectory));
            }

            var cases = summary.Reports.ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name);
            if (!cases.TryGetValue(nameof(CachedReadBenchmarks.GetAsync), out var main) || main.ResultStatistics is null)
            {
                throw new InvalidOperationException($"BenchmarkDotNet produced no result (validation errors: {summary.HasCriticalValidationErrors}); see {logPath}");
            }

            // The median, not the mean: on this shared 2-core machine a preempted iteration is an outlier, not a cost.
            var medianNs = main.ResultStatistics.Median;
            var notes = new List<string>
            {
                $"BenchmarkDotNet {Describe(main)} (in-process emit toolchain, log: {logPath})",
                $"Stopwatch cross-check: {crossCheck:N0} reads/s (median of 1M-call batches)",
            };
            foreach (var name in new[] { nameof(CachedReadBenchmarks.TryGetCached), nameof(CachedReadBenchmarks.DictionaryLookup), nameof(CachedReadBenchmarks.PinnedRead) })
            {
                if (cases.TryGetValue(name, out var other) && other.ResultStatistics is not null)
                {
                    notes.Add($"{other.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo}: {Describe(other)}");
                }
            }

            return FigureResult.Measured(entry.Id, entry.Title, 1e9 / medianNs, entry.Unit, entry.Target, latency: null, notes);
        }
        finally
        {
            CachedReadBenchmarks.Subject = null;
        }
    }

    private static ManualConfig Config(BenchProfile profile, ILogger logger, string runDirectory)
    {
        var job = Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(5), logOutput: true))
            .WithLaunchCount(1)
            .WithWarmupCount(profile.MicroWarmupCount)
            .WithIterationCount(profile.MicroIterationCount)
            .WithIterationTime(TimeInterval.FromMilliseconds(profile.MicroIterationTime.TotalMilliseconds))
            .WithId("in-process");
        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(logger)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(Path.Combine(runDirectory, "BenchmarkDotNet"))
            .WithOptions(ConfigOptions.DisableLogFile);
    }

    private static string Describe(BenchmarkReport report)
    {
        var stats = report.ResultStatistics!;
        var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        return $"median {stats.Median:0.00} ns/op (mean {stats.Mean:0.00}, sd {stats.StandardDeviation:0.00} ns, n={stats.N}), {allocated?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} B allocated/op";
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
