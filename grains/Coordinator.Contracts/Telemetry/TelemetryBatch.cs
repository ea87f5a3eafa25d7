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
    /// <summary>The service that served the requests.</summary>
    [Id(0)] public required string Service { get; init; }
    /// <summary>The region that served the requests.</summary>
    [Id(1)] public required string Region { get; init; }
    /// <summary>The arm that served the requests (the one the resolver returned for each).</summary>
    [Id(2)] public required Arm Arm { get; init; }

    /// <summary>The versions every request in the batch was served with.</summary>
    [Id(3)] public required PinnedVersions Versions { get; init; }

    /// <summary>Start of the interval the batch covers (for the SDK's reporter, its previous flush).</summary>
    [Id(4)] public required DateTimeOffset From { get; init; }
    /// <summary>End of the batch's interval; not before <see cref="From"/>, and not ahead of the coordinator's clock by more than its allowed skew.</summary>
    [Id(5)] public required DateTimeOffset To { get; init; }

    /// <summary>Requests served in the interval, failed ones included.</summary>
    [Id(6)] public long RequestCount { get; init; }

    /// <summary>Every failed request, 5xx included.</summary>
    [Id(7)] public long ErrorCount { get; init; }

    /// <summary>Requests that ended in an HTTP 5xx; part of <see cref="ErrorCount"/>.</summary>
    [Id(8)] public long Http5xxCount { get; init; }

    /// <summary>End-to-end latency of every request (<see cref="HistogramScale.LatencyMs"/>).</summary>
    [Id(9)] public HistogramCounts Latency { get; init; } = HistogramCounts.Empty(HistogramScale.LatencyMs);

    /// <summary>Retrieval stage latency of the requests that reported stages (<see cref="HistogramScale.LatencyMs"/>).</summary>
    [Id(10)] public HistogramCounts RetrieveLatency { get; init; } = HistogramCounts.Empty(HistogramScale.LatencyMs);
    /// <summary>Rerank stage latency (<see cref="HistogramScale.LatencyMs"/>).</summary>
    [Id(11)] public HistogramCounts RerankLatency { get; init; } = HistogramCounts.Empty(HistogramScale.LatencyMs);
    /// <summary>Reasoning (generation) stage latency (<see cref="HistogramScale.LatencyMs"/>).</summary>
    [Id(12)] public HistogramCounts ReasonLatency { get; init; } = HistogramCounts.Empty(HistogramScale.LatencyMs);

    /// <summary>ΔS(question, retrieved) of the sampled requests (<see cref="HistogramScale.UnitInterval"/>).</summary>
    [Id(13)] public HistogramCounts DeltaS { get; init; } = HistogramCounts.Empty(HistogramScale.UnitInterval);

    /// <summary>The exact sum of the ΔS samples, for the mean.</summary>
    [Id(14)] public double DeltaSSum { get; init; }

    /// <summary>The exact sum of the coverage samples (each in [0, 1]), for the mean.</summary>
    [Id(15)] public double CoverageSum { get; init; }
    /// <summary>Coverage samples in <see cref="CoverageSum"/>.</summary>
    [Id(16)] public long CoverageCount { get; init; }

    /// <summary>Requests sampled for λ (convergence across seeds); the denominator of the flip and convergence counts.</summary>
    [Id(17)] public long LambdaSamples { get; init; }

    /// <summary>λ samples whose state flipped between seeds or paraphrases.</summary>
    [Id(18)] public long LambdaFlipped { get; init; }

    /// <summary>λ samples that were convergent across seeds.</summary>
    [Id(19)] public long LambdaConvergent { get; init; }

    /// <summary>Tool-call loops detected; a single one can stop a hold (see <see cref="StopRules.MaxToolLoopSignals"/>).</summary>
    [Id(20)] public long ToolLoopSignals { get; init; }

    /// <summary>
    /// Quality observations that are not requests: ΔS, coverage or λ measured by someone other than the one
    /// who counted the request (a client judging an answer an edge already reported). They add quality
    /// samples without adding to <see cref="RequestCount"/>; quality counts may reach requests plus these.
    /// </summary>
    [Id(21)] public long QualityObservations { get; init; }
}
