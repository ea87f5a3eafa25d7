using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Coordinator.Observability;

/// <summary>The SDK's instruments: how long a flip took to reach a resolver.</summary>
public static class ResolverMetrics
{
    private static readonly Histogram<double> Delays = CoordinatorDiagnostics.Meter.CreateHistogram(
        InstrumentNames.PropagationDelay, "s", "From a flip's persisted time (the silo's clock) until a resolver applied it (this process's clock).",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    /// <summary>A resolver applied a flip <paramref name="delay"/> after it was persisted; <paramref name="source"/> is notification or refresh.</summary>
    public static void FlipSeen(string service, string region, string source, TimeSpan delay) =>
        Delays.Record(Math.Max(0, delay.TotalSeconds), new TagList { { TagNames.Service, service }, { TagNames.Region, region }, { TagNames.Source, source } });
}
