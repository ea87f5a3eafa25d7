using System.Text.Json.Serialization;

namespace Coordinator.Api.Bodies;

/// <summary>POST .../campaigns/{id}/smoke-reports: an evaluator's gold-set results for a region's Warm Green step.</summary>
public sealed class SmokeReportBody
{
    public string? Region { get; set; }

    public string? Arm { get; set; }

    public string? Evaluator { get; set; }

    public VersionsBody? Versions { get; set; }

    public List<SmokeItemBody>? Items { get; set; }
}

/// <summary>One gold item's result.</summary>
public sealed class SmokeItemBody
{
    public string? Id { get; set; }

    public List<double>? DeltaS { get; set; }

    public double? Coverage { get; set; }

    /// <summary>convergent, divergent, recursive or chaotic.</summary>
    public List<string>? Lambda { get; set; }

    public double? LatencyMs { get; set; }
}

/// <summary>The pinned versions that served the traffic.</summary>
public sealed class VersionsBody
{
    public string? IndexHash { get; set; }

    public string? EmbedSchema { get; set; }

    public string? RerankConf { get; set; }

    public string? PromptVer { get; set; }

    public string? ModelVer { get; set; }
}

/// <summary>POST .../regions/{region}/telemetry/{arm}: one window of an arm's request telemetry.</summary>
public sealed class TelemetryBody
{
    public string? From { get; set; }

    public string? To { get; set; }

    public VersionsBody? Versions { get; set; }

    public long? RequestCount { get; set; }

    public long? ErrorCount { get; set; }

    [JsonPropertyName("http_5xx_count")]
    public long? Http5xxCount { get; set; }

    public HistogramBody? Latency { get; set; }

    public HistogramBody? RetrieveLatency { get; set; }

    public HistogramBody? RerankLatency { get; set; }

    public HistogramBody? ReasonLatency { get; set; }

    public HistogramBody? DeltaS { get; set; }

    public double? DeltaSSum { get; set; }

    public double? CoverageSum { get; set; }

    public long? CoverageCount { get; set; }

    public long? LambdaSamples { get; set; }

    public long? LambdaFlipped { get; set; }

    public long? LambdaConvergent { get; set; }

    public long? ToolLoopSignals { get; set; }
}

/// <summary>Bucket counts from <c>offset</c> on, on the field's scale (latencies in ms, delta_s on the unit interval).</summary>
public sealed class HistogramBody
{
    public long? Offset { get; set; }

    public List<long>? Counts { get; set; }
}
