namespace Coordinator.Campaigns;

/// <summary>Latency percentiles in milliseconds.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.LatencyStats")]
public sealed record LatencyStats
{
    public static readonly LatencyStats None = new();

    [Id(0)] public double P50Ms { get; init; }
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
    [Id(0)] public required string Service { get; init; }
    [Id(1)] public required string Region { get; init; }
    [Id(2)] public required Arm Arm { get; init; }

    /// <summary>The versions every sample in the window was pinned to; null when unknown.</summary>
    [Id(3)] public PinnedVersions? Versions { get; init; }

    /// <summary>Samples from more than one set of versions were mixed into this window.</summary>
    [Id(4)] public bool MixedVersions { get; init; }

    [Id(5)] public required DateTimeOffset From { get; init; }
    [Id(6)] public required DateTimeOffset To { get; init; }

    [Id(7)] public long RequestCount { get; init; }

    /// <summary>Every failed request, 5xx included.</summary>
    [Id(8)] public long ErrorCount { get; init; }

    [Id(9)] public long Http5xxCount { get; init; }

    /// <summary>End-to-end latency.</summary>
    [Id(10)] public LatencyStats Latency { get; init; } = LatencyStats.None;
    [Id(11)] public LatencyStats RetrieveLatency { get; init; } = LatencyStats.None;
    [Id(12)] public LatencyStats RerankLatency { get; init; } = LatencyStats.None;
    [Id(13)] public LatencyStats ReasonLatency { get; init; } = LatencyStats.None;

    /// <summary>ΔS(question, retrieved) over the sampled requests.</summary>
    [Id(14)] public double DeltaSMean { get; init; }
    [Id(15)] public double DeltaSP95 { get; init; }
    [Id(16)] public long DeltaSSamples { get; init; }

    [Id(17)] public double CoverageMean { get; init; }
    [Id(18)] public long CoverageSamples { get; init; }

    /// <summary>Share of λ samples whose state flipped between seeds or paraphrases.</summary>
    [Id(19)] public double LambdaFlipRate { get; init; }

    /// <summary>λ was convergent across the seeds the evaluator ran.</summary>
    [Id(20)] public bool LambdaConvergent { get; init; }

    [Id(21)] public long LambdaSamples { get; init; }

    [Id(22)] public long ToolLoopSignals { get; init; }

    public double ErrorRate => RequestCount == 0 ? 0 : (double)ErrorCount / RequestCount;

    public double Http5xxRate => RequestCount == 0 ? 0 : (double)Http5xxCount / RequestCount;
}
