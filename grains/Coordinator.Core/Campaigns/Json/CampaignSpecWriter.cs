using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Coordinator.Domain;

namespace Coordinator.Campaigns.Json;

/// <summary>
/// Writes a spec back as JSON in the reader's format, every default spelled out. The compact form is
/// canonical: two specs that mean the same thing have the same <see cref="Fingerprint"/>, which is
/// what "the same campaign id with the same spec" compares.
/// </summary>
public static class CampaignSpecWriter
{
    internal const string AutomaticMode = "automatic";
    internal const string ManualMode = "manual";

    private static readonly CampaignSpecJsonContext Indented = new(new JsonSerializerOptions(CampaignSpecJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string ToJson(CampaignSpec spec, bool indented = true) =>
        JsonSerializer.Serialize(ToDocument(spec), indented ? Indented.CampaignSpecDocument : CampaignSpecJsonContext.Default.CampaignSpecDocument);

    /// <summary>"sha256:" and the lowercase hex SHA-256 of the canonical JSON.</summary>
    public static string Fingerprint(CampaignSpec spec) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson(spec, indented: false))));

    private static CampaignSpecDocument ToDocument(CampaignSpec spec) => new()
    {
        Version = spec.Version,
        CampaignId = spec.CampaignId,
        Service = spec.Service,
        Operator = spec.Operator,
        Reason = spec.Reason,
        Target = ManifestDocument.From(spec.Target),
        HoldSeconds = spec.Hold.TotalSeconds,
        SmokeDeadlineSeconds = spec.SmokeDeadline.TotalSeconds,

        // Left out at its default so specs written before the key existed keep their fingerprints.
        ConsumerDrainSeconds = spec.ConsumerDrainTimeout == CampaignLimits.DefaultConsumerDrainTimeout ? null : spec.ConsumerDrainTimeout.TotalSeconds,
        Approval = new ApprovalDocument
        {
            Mode = spec.Approval.Mode == ApprovalMode.Manual ? ManualMode : AutomaticMode,
            RequireDistinctApprover = spec.Approval.RequireDistinctApprover,
        },
        Fences = ToDocument(spec.Fences),
        Gate = new GateDocument
        {
            MaxDeltaS = spec.Gate.MaxDeltaS,
            Paraphrases = spec.Gate.Paraphrases,
            MinCoverage = spec.Gate.MinCoverage,
            LambdaSeeds = spec.Gate.LambdaSeeds,
            MinSmokeLambdaConvergence = spec.Gate.MinSmokeLambdaConvergence,
            MaxLambdaFlipIncrease = spec.Gate.MaxLambdaFlipIncrease,
            MaxP95LatencyIncrease = spec.Gate.MaxP95LatencyIncrease,
            MaxErrorRate = spec.Gate.MaxErrorRate,
            MinSmokeItems = spec.Gate.MinSmokeItems,
            MinWindowRequests = spec.Gate.MinWindowRequests,
            MinQualitySamples = spec.Gate.MinQualitySamples,
            SmokeMaxP95LatencyMs = spec.Gate.SmokeMaxP95LatencyMs,
        },
        StopRules = new StopRulesDocument
        {
            MaxDeltaSP95Drift = spec.StopRules.MaxDeltaSP95Drift,
            MinCoverage = spec.StopRules.MinCoverage,
            MaxLambdaFlipRate = spec.StopRules.MaxLambdaFlipRate,
            Max5xxRate = spec.StopRules.Max5xxRate,
            MaxToolLoopSignals = spec.StopRules.MaxToolLoopSignals,
        },
        // Left out when thresholds alone decide, so specs written before the judge existed keep their fingerprints.
        Judge = spec.Judge == JudgeSpec.Default ? null : new JudgeDocument
        {
            LatencyP95Ms = JudgeModes.ToWire(spec.Judge.LatencyP95),
            DeltaSP95 = JudgeModes.ToWire(spec.Judge.DeltaSP95),
            Alpha = spec.Judge.Alpha,
            MinPoints = spec.Judge.MinPoints,
        },
        Waves = [.. spec.Waves.Select(w => new WaveDocument
        {
            Name = w.Name,
            Regions = [.. w.Regions],
            HoldSeconds = w.Hold?.TotalSeconds,
            Fences = w.Fences is null ? null : ToDocument(w.Fences),
            RegionFences = w.RegionFences.Count == 0
                ? null
                : new SortedDictionary<string, FenceDocument>(w.RegionFences.ToDictionary(kv => kv.Key, kv => ToDocument(kv.Value), StringComparer.Ordinal), StringComparer.Ordinal),
        })],

        // Left out when absent so specs written before the key existed keep their fingerprints.
        Warm = ToDocument(spec.Warm),
    };

    private static WarmDocument? ToDocument(WarmSpec? warm) => warm is null ? null : new WarmDocument
    {
        GoldSet = warm.GoldSet,
        GoldSetContent = warm.GoldSetContent,
        Seeds = [.. warm.Seeds.Select(s => (long?)s)],
        Concurrency = warm.Concurrency,
        CallTimeoutSeconds = warm.CallTimeout.TotalSeconds,
        Warmup = warm.Warmup,
    };

    private static FenceDocument ToDocument(FenceSpec fences) => new()
    {
        Writers = fences.Writers is null ? null : [.. fences.Writers],
        ConsumerGroups = fences.ConsumerGroups is null ? null : [.. fences.ConsumerGroups],
    };
}
