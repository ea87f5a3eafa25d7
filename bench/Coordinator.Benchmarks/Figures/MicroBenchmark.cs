using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// BenchmarkDotNet as the single-thread figures use it. Its default toolchain would build and start
/// a fresh process per benchmark, which would need its own Orleans client, silo connection and
/// loaded state: the in-process emit toolchain instead measures the very objects a service holds,
/// already connected and loaded, and still gives BenchmarkDotNet's pilot/warm-up/overhead
/// subtraction and allocation counts.
/// </summary>
internal static class MicroBenchmark
{
    /// <summary>Runs every [Benchmark] of <typeparamref name="T"/>; the reports by workload method name.</summary>
    public static (IReadOnlyDictionary<string, BenchmarkReport> Cases, string LogPath) Run<T>(BenchProfile profile, string runDirectory, string logName)
    {
        var logPath = Path.Combine(runDirectory, $"{logName}.benchmarkdotnet.log");
        Summary summary;
        using (var logger = new StreamLogger(logPath))
        {
            summary = BenchmarkRunner.Run<T>(Config(profile, logger, runDirectory));
        }

        var cases = summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name);
        if (cases.Count == 0)
        {
            throw new InvalidOperationException($"BenchmarkDotNet produced no result (validation errors: {summary.HasCriticalValidationErrors}); see {logPath}");
        }

        return (cases, logPath);
    }

    /// <summary>The main case's median in ns, or an error naming the log.</summary>
    public static double MedianNs(IReadOnlyDictionary<string, BenchmarkReport> cases, string method, string logPath) =>
        cases.TryGetValue(method, out var report)
            ? report.ResultStatistics!.Median
            : throw new InvalidOperationException($"BenchmarkDotNet produced no result for {method}; see {logPath}");

    /// <summary>One line per case other than <paramref name="main"/>, in the order given.</summary>
    public static IEnumerable<string> Others(IReadOnlyDictionary<string, BenchmarkReport> cases, string main, IEnumerable<string> order) =>
        order.Where(name => name != main && cases.ContainsKey(name))
            .Select(name => $"{cases[name].BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo}: {Describe(cases[name])}");

    public static string Describe(BenchmarkReport report)
    {
        var stats = report.ResultStatistics!;
        var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        return $"median {stats.Median:0.00} ns/op (mean {stats.Mean:0.00}, sd {stats.StandardDeviation:0.00} ns, n={stats.N}), {allocated?.ToString(CultureInfo.InvariantCulture) ?? "?"} B allocated/op";
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
}
