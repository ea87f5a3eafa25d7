using System.Text.Json.Serialization;
using Coordinator.Domain;

namespace Coordinator.Campaigns.Json;

// The spec file as written: snake_case keys, everything optional here so that missing values are
// reported together by the validator. The reader checks keys and JSON types against these classes
// (through the source-generated metadata) before it deserializes, so both must stay in step.

internal sealed class CampaignSpecDocument
{
    [JsonPropertyName("version")] public long? Version { get; set; }
    [JsonPropertyName("campaign_id")] public string? CampaignId { get; set; }
    [JsonPropertyName("service")] public string? Service { get; set; }
    [JsonPropertyName("operator")] public string? Operator { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    [JsonPropertyName("target")] public ManifestDocument? Target { get; set; }
    [JsonPropertyName("hold_seconds")] public double? HoldSeconds { get; set; }
    [JsonPropertyName("smoke_deadline_seconds")] public double? SmokeDeadlineSeconds { get; set; }
    [JsonPropertyName("consumer_drain_seconds")] public double? ConsumerDrainSeconds { get; set; }
    [JsonPropertyName("approval")] public ApprovalDocument? Approval { get; set; }
    [JsonPropertyName("fences")] public FenceDocument? Fences { get; set; }
    [JsonPropertyName("gate")] public GateDocument? Gate { get; set; }
    [JsonPropertyName("stop_rules")] public StopRulesDocument? StopRules { get; set; }
    [JsonPropertyName("waves")] public List<WaveDocument?>? Waves { get; set; }
    [JsonPropertyName("judge")] public JudgeDocument? Judge { get; set; }
    [JsonPropertyName("warm")] public WarmDocument? Warm { get; set; }
}

internal sealed class JudgeDocument
{
    [JsonPropertyName("latency_p95_ms")] public string? LatencyP95Ms { get; set; }
    [JsonPropertyName("delta_s_p95")] public string? DeltaSP95 { get; set; }
    [JsonPropertyName("alpha")] public double? Alpha { get; set; }
    [JsonPropertyName("min_points")] public long? MinPoints { get; set; }
}

/// <summary>
/// The coordinator's own Warm Green evaluation. <c>gold_set</c> names the file; the console reads it and
/// sends its text as <c>gold_set_content</c> (an HTTP client sends the text itself).
/// </summary>
internal sealed class WarmDocument
{
    [JsonPropertyName("gold_set")] public string? GoldSet { get; set; }
    [JsonPropertyName("gold_set_content")] public string? GoldSetContent { get; set; }
    [JsonPropertyName("seeds")] public List<long?>? Seeds { get; set; }
    [JsonPropertyName("concurrency")] public long? Concurrency { get; set; }
    [JsonPropertyName("call_timeout_seconds")] public double? CallTimeoutSeconds { get; set; }
    [JsonPropertyName("warmup")] public long? Warmup { get; set; }
}

internal sealed class WaveDocument
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("regions")] public List<string?>? Regions { get; set; }
    [JsonPropertyName("hold_seconds")] public double? HoldSeconds { get; set; }
    [JsonPropertyName("fences")] public FenceDocument? Fences { get; set; }
    [JsonPropertyName("region_fences")] public SortedDictionary<string, FenceDocument>? RegionFences { get; set; }
}

internal sealed class FenceDocument
{
    [JsonPropertyName("writers")] public List<string?>? Writers { get; set; }
    [JsonPropertyName("consumer_groups")] public List<string?>? ConsumerGroups { get; set; }
}

internal sealed class ApprovalDocument
{
    [JsonPropertyName("mode")] public string? Mode { get; set; }
    [JsonPropertyName("require_distinct_approver")] public bool? RequireDistinctApprover { get; set; }
}

internal sealed class GateDocument
{
    [JsonPropertyName("max_delta_s")] public double? MaxDeltaS { get; set; }
    [JsonPropertyName("paraphrases")] public long? Paraphrases { get; set; }
    [JsonPropertyName("min_coverage")] public double? MinCoverage { get; set; }
    [JsonPropertyName("lambda_seeds")] public long? LambdaSeeds { get; set; }
    [JsonPropertyName("min_smoke_lambda_convergence")] public double? MinSmokeLambdaConvergence { get; set; }
    [JsonPropertyName("max_lambda_flip_increase")] public double? MaxLambdaFlipIncrease { get; set; }
    [JsonPropertyName("max_p95_latency_increase")] public double? MaxP95LatencyIncrease { get; set; }
    [JsonPropertyName("max_error_rate")] public double? MaxErrorRate { get; set; }
    [JsonPropertyName("min_smoke_items")] public long? MinSmokeItems { get; set; }
    [JsonPropertyName("min_window_requests")] public long? MinWindowRequests { get; set; }
    [JsonPropertyName("min_quality_samples")] public long? MinQualitySamples { get; set; }
    [JsonPropertyName("smoke_max_p95_latency_ms")] public double? SmokeMaxP95LatencyMs { get; set; }
}

internal sealed class StopRulesDocument
{
    [JsonPropertyName("max_delta_s_p95_drift")] public double? MaxDeltaSP95Drift { get; set; }
    [JsonPropertyName("min_coverage")] public double? MinCoverage { get; set; }
    [JsonPropertyName("max_lambda_flip_rate")] public double? MaxLambdaFlipRate { get; set; }
    [JsonPropertyName("max_5xx_rate")] public double? Max5xxRate { get; set; }
    [JsonPropertyName("max_tool_loop_signals")] public long? MaxToolLoopSignals { get; set; }
}

[JsonSerializable(typeof(CampaignSpecDocument))]
[JsonSourceGenerationOptions(
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class CampaignSpecJsonContext : JsonSerializerContext;
