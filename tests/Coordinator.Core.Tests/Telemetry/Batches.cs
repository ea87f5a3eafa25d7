using Coordinator.Campaigns;

namespace Coordinator.Core.Tests.Telemetry;

internal static class Batches
{
    public const string Service = "rag-api";
    public const string Region = "eu-west";

    /// <summary>A bucket boundary: 5 s buckets start at whole multiples of 5 s since year 1.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static PinnedVersions Versions(string index = "idx-green") => new()
    {
        IndexHash = index,
        EmbedSchema = "e5-large:v2",
        RerankConf = "bge-rerank@3",
        PromptVer = "prompt-12",
        ModelVer = "model-2026-10",
    };

    /// <summary>
    /// <paramref name="requests"/> requests over [at, at + 1 s), each taking <paramref name="latencyMs"/>
    /// (cycled), with 2 ms stages, and every request sampled for ΔS, coverage and λ.
    /// </summary>
    public static TelemetryBatch Batch(
        DateTimeOffset at,
        int requests,
        double[] latencyMs,
        long errors = 0,
        long http5xx = 0,
        double deltaS = 0.2,
        double coverage = 0.8,
        long lambdaFlipped = 0,
        long lambdaConvergent = -1,
        PinnedVersions? versions = null,
        Arm arm = Arm.Green)
    {
        var latency = new Histogram(HistogramScale.LatencyMs);
        var stage = new Histogram(HistogramScale.LatencyMs);
        var delta = new Histogram(HistogramScale.UnitInterval);
        for (var i = 0; i < requests; i++)
        {
            latency.Record(latencyMs[i % latencyMs.Length]);
            stage.Record(2);
            delta.Record(deltaS);
        }

        return new TelemetryBatch
        {
            Service = Service,
            Region = Region,
            Arm = arm,
            Versions = versions ?? Versions(),
            From = at,
            To = at + TimeSpan.FromSeconds(1),
            RequestCount = requests,
            ErrorCount = errors,
            Http5xxCount = http5xx,
            Latency = latency.ToCounts(),
            RetrieveLatency = stage.ToCounts(),
            RerankLatency = stage.ToCounts(),
            ReasonLatency = stage.ToCounts(),
            DeltaS = delta.ToCounts(),
            DeltaSSum = deltaS * requests,
            CoverageSum = coverage * requests,
            CoverageCount = requests,
            LambdaSamples = requests,
            LambdaFlipped = lambdaFlipped,
            LambdaConvergent = lambdaConvergent < 0 ? requests : lambdaConvergent,
        };
    }
}
