namespace Coordinator.Campaigns;

/// <summary>Latency percentiles in milliseconds.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LatencyStats")]
public sealed record LatencyStats
{
    /// <summary>No requests: both percentiles 0.</summary>
    public static readonly LatencyStats None = new();

    /// <summary>Median latency in milliseconds, read from a histogram (within about 5 %).</summary>
    [Id(0)] public double P50Ms { get; init; }
    /// <summary>95th percentile latency in milliseconds, read from a histogram (within about 5 %).</summary>
    [Id(1)] public double P95Ms { get; init; }
}

/// <summary>
/// What one arm of one region served over [<see cref="From"/>, <see cref="To"/>): counts, rates'
/// inputs, latency per stage and the sampled quality signals (ΔS, coverage, λ). Quality signals come
/// from sampled requests, so each carries its own sample count.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.TelemetryWindow")]
public sealed record TelemetryWindow
{
    /// <summary>The service whose requests the window counts (part of the telemetry grain's key).</summary>
    [Id(0)] public required string Service { get; init; }
    /// <summary>The region whose requests the window counts; a gate compares windows of one region only.</summary>
    [Id(1)] public required string Region { get; init; }
    /// <summary>The arm that served the requests: Green for a gate's candidate, Blue for its baseline.</summary>
    [Id(2)] public required Arm Arm { get; init; }

    /// <summary>The versions every sample in the window was pinned to; null when unknown.</summary>
    [Id(3)] public PinnedVersions? Versions { get; init; }

    /// <summary>Samples from more than one set of versions were mixed into this window.</summary>
    [Id(4)] public bool MixedVersions { get; init; }

    /// <summary>Start of the window as requested (inclusive); the numbers come from the 5 s buckets overlapping the window.</summary>
    [Id(5)] public required DateTimeOffset From { get; init; }
    /// <summary>End of the window as requested (exclusive); the Hold gate's <see cref="GateResult.AsOf"/>.</summary>
    [Id(6)] public required DateTimeOffset To { get; init; }

    /// <summary>Requests served, failed ones included.</summary>
    [Id(7)] public long RequestCount { get; init; }

    /// <summary>Every failed request, 5xx included.</summary>
    [Id(8)] public long ErrorCount { get; init; }

    /// <summary>Requests that ended in an HTTP 5xx; part of <see cref="ErrorCount"/>.</summary>
    [Id(9)] public long Http5xxCount { get; init; }

    /// <summary>End-to-end latency.</summary>
    [Id(10)] public LatencyStats Latency { get; init; } = LatencyStats.None;
    /// <summary>Retrieval stage latency.</summary>
    [Id(11)] public LatencyStats RetrieveLatency { get; init; } = LatencyStats.None;
    /// <summary>Rerank stage latency.</summary>
    [Id(12)] public LatencyStats RerankLatency { get; init; } = LatencyStats.None;
    /// <summary>Reasoning (generation) stage latency.</summary>
    [Id(13)] public LatencyStats ReasonLatency { get; init; } = LatencyStats.None;

    /// <summary>ΔS(question, retrieved) over the sampled requests.</summary>
    [Id(14)] public double DeltaSMean { get; init; }
    /// <summary>95th percentile ΔS over the sampled requests; lower is better.</summary>
    [Id(15)] public double DeltaSP95 { get; init; }
    /// <summary>Requests sampled for ΔS.</summary>
    [Id(16)] public long DeltaSSamples { get; init; }

    /// <summary>Mean coverage score in [0, 1] over the sampled requests; higher is better.</summary>
    [Id(17)] public double CoverageMean { get; init; }
    /// <summary>Requests sampled for coverage.</summary>
    [Id(18)] public long CoverageSamples { get; init; }

    /// <summary>Share of λ samples whose state flipped between seeds or paraphrases.</summary>
    [Id(19)] public double LambdaFlipRate { get; init; }

    /// <summary>λ was convergent across the seeds the evaluator ran.</summary>
    [Id(20)] public bool LambdaConvergent { get; init; }

    /// <summary>Requests sampled for λ.</summary>
    [Id(21)] public long LambdaSamples { get; init; }

    /// <summary>Tool-call loops detected in the window.</summary>
    [Id(22)] public long ToolLoopSignals { get; init; }

    /// <summary>End-to-end latency by histogram bucket, for the hold's rank test; null in windows taken before it existed.</summary>
    [Id(23)] public HistogramCounts? LatencyHistogram { get; init; }

    /// <summary>ΔS by histogram bucket (0.005 wide), for the hold's rank test; null in windows taken before it existed.</summary>
    [Id(24)] public HistogramCounts? DeltaSHistogram { get; init; }

    /// <summary>Errors / requests, 0 without requests (the request minimum makes that inconclusive, not a pass).</summary>
    public double ErrorRate => RequestCount == 0 ? 0 : (double)ErrorCount / RequestCount;

    /// <summary>5xx / requests, 0 without requests.</summary>
    public double Http5xxRate => RequestCount == 0 ? 0 : (double)Http5xxCount / RequestCount;
}
