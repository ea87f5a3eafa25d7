namespace Coordinator.Campaigns;

/// <summary>
/// What one SDK flush reports for one (service, region, arm) and one set of pinned versions:
/// the requests served over [<see cref="From"/>, <see cref="To"/>] as counts and mergeable
/// histograms, so the coordinator can add batches into windows and read quantiles from the sum.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.TelemetryBatch")]
public sealed record TelemetryBatch
{
    [Id(0)] public required string Service { get; init; }
    [Id(1)] public required string Region { get; init; }
    [Id(2)] public required Arm Arm { get; init; }

    /// <summary>The versions every request in the batch was served with.</summary>
    [Id(3)] public required PinnedVersions Versions { get; init; }

    [Id(4)] public required DateTimeOffset From { get; init; }
    [Id(5)] public required DateTimeOffset To { get; init; }

    [Id(6)] public long RequestCount { get; init; }

    /// <summary>Every failed request, 5xx included.</summary>
    [Id(7)] public long ErrorCount { get; init; }

    [Id(8)] public long Http5xxCount { get; init; }

    /// <summary>End-to-end latency of every request (<see cref="HistogramScale.LatencyMs"/>).</summary>
    [Id(9)] public HistogramCounts Latency { get; init; } = HistogramCounts.Empty(HistogramScale.LatencyMs);

    /// <summary>Stage latencies of the requests that reported them (<see cref="HistogramScale.LatencyMs"/>).</summary>
    [Id(10)] public HistogramCounts RetrieveLatency { get; init; } = HistogramCounts.Empty(HistogramScale.LatencyMs);
    [Id(11)] public HistogramCounts RerankLatency { get; init; } = HistogramCounts.Empty(HistogramScale.LatencyMs);
    [Id(12)] public HistogramCounts ReasonLatency { get; init; } = HistogramCounts.Empty(HistogramScale.LatencyMs);

    /// <summary>ΔS(question, retrieved) of the sampled requests (<see cref="HistogramScale.UnitInterval"/>).</summary>
    [Id(13)] public HistogramCounts DeltaS { get; init; } = HistogramCounts.Empty(HistogramScale.UnitInterval);

    /// <summary>The exact sum of the ΔS samples, for the mean.</summary>
    [Id(14)] public double DeltaSSum { get; init; }

    [Id(15)] public double CoverageSum { get; init; }
    [Id(16)] public long CoverageCount { get; init; }

    [Id(17)] public long LambdaSamples { get; init; }

    /// <summary>λ samples whose state flipped between seeds or paraphrases.</summary>
    [Id(18)] public long LambdaFlipped { get; init; }

    /// <summary>λ samples that were convergent across seeds.</summary>
    [Id(19)] public long LambdaConvergent { get; init; }

    [Id(20)] public long ToolLoopSignals { get; init; }
}
