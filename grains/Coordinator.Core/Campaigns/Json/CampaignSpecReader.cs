using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Domain;

namespace Coordinator.Campaigns.Json;

/// <summary>What <see cref="CampaignSpecReader"/> made of a document: a valid spec, or every problem in it.</summary>
public sealed record CampaignSpecReadResult(CampaignSpec? Spec, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Spec is not null;
}

/// <summary>
/// Reads a campaign spec (JSON, snake_case, <c>"version": 1</c>) and reports every problem at once,
/// each with its JSON path: unknown keys, values of the wrong JSON type, an unsupported version,
/// then whatever <see cref="CampaignSpecValidator"/> finds in the rest. Left-out values take the
/// seed's defaults.
/// </summary>
public static class CampaignSpecReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    /// <summary>
    /// Reads <paramref name="json"/>. With <paramref name="knownRegions"/> (the service's registered
    /// regions) unregistered regions are errors; without it they are not checked.
    /// </summary>
    public static CampaignSpecReadResult Read(string json, IReadOnlySet<string>? knownRegions = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > CampaignLimits.MaxSpecBytes)
        {
            return Invalid(JsonPath.Root, $"is {json.Length} characters; a campaign spec is at most {CampaignLimits.MaxSpecBytes}");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            return Invalid(JsonPath.Root, $"is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}): {FirstSentence(ex.Message)}");
        }

        if (node is not JsonObject root)
        {
            return Invalid(JsonPath.Root, $"must be a JSON object (got {JsonShapeChecker.Describe(node)})");
        }

        // A document of another version may mean anything: say so and nothing else.
        if (root["version"] is JsonValue versionValue && versionValue.TryGetValue<long>(out var version) && version != CampaignSpec.CurrentVersion)
        {
            return Invalid("$.version", $"version {version} is not supported; this coordinator reads version {CampaignSpec.CurrentVersion}");
        }

        var options = CampaignSpecJsonContext.Default.Options;
        var shape = new JsonShapeChecker(options);
        shape.CheckObject(root, typeof(CampaignSpecDocument), JsonPath.Root);

        CampaignSpecDocument document;
        try
        {
            document = root.Deserialize(CampaignSpecJsonContext.Default.CampaignSpecDocument) ?? new CampaignSpecDocument();
        }
        catch (JsonException ex)
        {
            // The shape check should leave nothing that fails here; never let it escape as a crash.
            return new CampaignSpecReadResult(null, [.. shape.Errors, new FieldError(ex.Path ?? JsonPath.Root, FirstSentence(ex.Message))]);
        }

        var spec = new Mapper(shape).ToSpec(document);
        var validation = knownRegions is null ? CampaignSpecValidator.ValidateShape(spec) : CampaignSpecValidator.Validate(spec, knownRegions);
        var errors = shape.Errors.Concat(validation.Where(e => !shape.WasReported(e.Field))).ToList();
        return errors.Count == 0 ? new CampaignSpecReadResult(spec, []) : new CampaignSpecReadResult(null, errors);
    }

    /// <summary>Reads a spec file; a missing, unreadable or oversized file is reported as an error at <c>$</c>.</summary>
    public static CampaignSpecReadResult ReadFile(string path, IReadOnlySet<string>? knownRegions = null)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Invalid(JsonPath.Root, $"file '{path}' not found");
            }

            if (info.Length > CampaignLimits.MaxSpecBytes)
            {
                return Invalid(JsonPath.Root, $"file '{path}' is {info.Length} bytes; a campaign spec is at most {CampaignLimits.MaxSpecBytes}");
            }

            return Read(File.ReadAllText(path), knownRegions);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Invalid(JsonPath.Root, $"file '{path}' cannot be read: {ex.Message}");
        }
    }

    private static CampaignSpecReadResult Invalid(string path, string reason) => new(null, [new FieldError(path, reason)]);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    /// <summary>Document to spec: defaults for what was left out, errors for what cannot be represented.</summary>
    private sealed class Mapper(JsonShapeChecker shape)
    {
        public CampaignSpec ToSpec(CampaignSpecDocument d)
        {
            if (d.Version is null)
            {
                Require("$.version", $"is required (this coordinator reads version {CampaignSpec.CurrentVersion})");
            }

            if (d.Target is null)
            {
                Require("$.target", "is required: the Green manifest the campaign moves to");
            }

            return new CampaignSpec
            {
                Version = CampaignSpec.CurrentVersion,
                Service = d.Service ?? string.Empty,
                CampaignId = d.CampaignId ?? string.Empty,
                Operator = d.Operator ?? string.Empty,
                Reason = d.Reason ?? string.Empty,
                Target = (d.Target ?? new ManifestDocument()).ToManifest(),
                Waves = (d.Waves ?? []).Select((w, i) => ToWave(w ?? new WaveDocument(), JsonPath.Index("$.waves", i))).ToImmutableList(),
                Fences = ToFences(d.Fences) ?? FenceSpec.None,
                Hold = ToDuration(d.HoldSeconds, "$.hold_seconds", CampaignLimits.HoldSeconds) ?? CampaignLimits.DefaultHold,
                SmokeDeadline = ToDuration(d.SmokeDeadlineSeconds, "$.smoke_deadline_seconds", CampaignLimits.SmokeDeadlineSeconds)
                    ?? CampaignLimits.DefaultSmokeDeadline,
                ConsumerDrainTimeout = ToDuration(d.ConsumerDrainSeconds, "$.consumer_drain_seconds", CampaignLimits.ConsumerDrainSeconds)
                    ?? CampaignLimits.DefaultConsumerDrainTimeout,
                Gate = ToGate(d.Gate ?? new GateDocument()),
                StopRules = ToStopRules(d.StopRules ?? new StopRulesDocument()),
                Approval = ToApproval(d.Approval ?? new ApprovalDocument()),
                Judge = d.Judge is null ? JudgeSpec.Default : ToJudge(d.Judge),
                Warm = d.Warm is null ? null : ToWarm(d.Warm),
            };
        }

        private WarmSpec ToWarm(WarmDocument w)
        {
            var d = new WarmSpec { GoldSet = string.Empty, GoldSetContent = string.Empty };
            var timeout = ToDuration(w.CallTimeoutSeconds, "$.warm.call_timeout_seconds", CampaignLimits.WarmCallTimeoutSeconds);
            return new WarmSpec
            {
                GoldSet = w.GoldSet ?? string.Empty,
                GoldSetContent = w.GoldSetContent ?? string.Empty,
                Seeds = w.Seeds is null ? d.Seeds
                    : [.. w.Seeds.Select((seed, i) => ToInt(seed, JsonPath.Index("$.warm.seeds", i), new NumberRange(int.MinValue, int.MaxValue)) ?? 0)],
                Concurrency = ToInt(w.Concurrency, "$.warm.concurrency", CampaignLimits.WarmConcurrency) ?? d.Concurrency,
                CallTimeout = timeout ?? d.CallTimeout,
                Warmup = ToInt(w.Warmup, "$.warm.warmup", CampaignLimits.WarmWarmup) ?? d.Warmup,
            };
        }

        private JudgeSpec ToJudge(JudgeDocument j)
        {
            var d = JudgeSpec.Default;
            return new JudgeSpec
            {
                LatencyP95 = ToMode(j.LatencyP95Ms, "$.judge.latency_p95_ms") ?? d.LatencyP95,
                DeltaSP95 = ToMode(j.DeltaSP95, "$.judge.delta_s_p95") ?? d.DeltaSP95,
                Alpha = j.Alpha ?? d.Alpha,
                MinPoints = j.MinPoints ?? d.MinPoints,
            };
        }

        private JudgeMode? ToMode(string? text, string path)
        {
            if (text is null)
            {
                return null;
            }

            if (JudgeModes.FromWire(text) is { } mode)
            {
                return mode;
            }

            shape.Report(path, $"must be {JudgeModes.Expected} (got '{text}')");
            return null;
        }

        private void Require(string path, string reason)
        {
            if (!shape.WasReported(path))
            {
                shape.Report(path, reason);
            }
        }


        private WaveSpec ToWave(WaveDocument w, string path) => new()
        {
            Name = w.Name,
            Regions = (w.Regions ?? []).Select(r => r ?? string.Empty).ToImmutableList(),
            Hold = ToDuration(w.HoldSeconds, path + ".hold_seconds", CampaignLimits.HoldSeconds),
            Fences = ToFences(w.Fences),
            RegionFences = (w.RegionFences ?? [])
                .ToImmutableSortedDictionary(kv => kv.Key, kv => ToFences(kv.Value) ?? FenceSpec.None, StringComparer.Ordinal),
        };

        private static FenceSpec? ToFences(FenceDocument? f) => f is null
            ? null
            : new FenceSpec { Writers = ToNames(f.Writers), ConsumerGroups = ToNames(f.ConsumerGroups) };

        private static ImmutableList<string>? ToNames(List<string?>? names) => names?.Select(n => n ?? string.Empty).ToImmutableList();

        private GateThresholds ToGate(GateDocument g)
        {
            var d = GateThresholds.Default;
            return new GateThresholds
            {
                MaxDeltaS = g.MaxDeltaS ?? d.MaxDeltaS,
                Paraphrases = ToInt(g.Paraphrases, "$.gate.paraphrases", CampaignLimits.Paraphrases) ?? d.Paraphrases,
                MinCoverage = g.MinCoverage ?? d.MinCoverage,
                LambdaSeeds = ToInt(g.LambdaSeeds, "$.gate.lambda_seeds", CampaignLimits.LambdaSeeds) ?? d.LambdaSeeds,
                MinSmokeLambdaConvergence = g.MinSmokeLambdaConvergence ?? d.MinSmokeLambdaConvergence,
                MaxLambdaFlipIncrease = g.MaxLambdaFlipIncrease ?? d.MaxLambdaFlipIncrease,
                MaxP95LatencyIncrease = g.MaxP95LatencyIncrease ?? d.MaxP95LatencyIncrease,
                MaxErrorRate = g.MaxErrorRate ?? d.MaxErrorRate,
                MinSmokeItems = ToInt(g.MinSmokeItems, "$.gate.min_smoke_items", CampaignLimits.MinSmokeItems) ?? d.MinSmokeItems,
                MinWindowRequests = g.MinWindowRequests ?? d.MinWindowRequests,
                MinQualitySamples = g.MinQualitySamples ?? d.MinQualitySamples,
                SmokeMaxP95LatencyMs = g.SmokeMaxP95LatencyMs ?? d.SmokeMaxP95LatencyMs,
            };
        }

        private static StopRules ToStopRules(StopRulesDocument s)
        {
            var d = StopRules.Default;
            return new StopRules
            {
                MaxDeltaSP95Drift = s.MaxDeltaSP95Drift ?? d.MaxDeltaSP95Drift,
                MinCoverage = s.MinCoverage ?? d.MinCoverage,
                MaxLambdaFlipRate = s.MaxLambdaFlipRate ?? d.MaxLambdaFlipRate,
                Max5xxRate = s.Max5xxRate ?? d.Max5xxRate,
                MaxToolLoopSignals = s.MaxToolLoopSignals ?? d.MaxToolLoopSignals,
            };
        }

        private ApprovalPolicy ToApproval(ApprovalDocument a)
        {
            var mode = ApprovalMode.Automatic;
            switch (a.Mode)
            {
                case null or CampaignSpecWriter.AutomaticMode:
                    break;
                case CampaignSpecWriter.ManualMode:
                    mode = ApprovalMode.Manual;
                    break;
                default:
                    shape.Report("$.approval.mode", $"must be '{CampaignSpecWriter.AutomaticMode}' or '{CampaignSpecWriter.ManualMode}' (got '{a.Mode}')");
                    break;
            }

            return new ApprovalPolicy { Mode = mode, RequireDistinctApprover = a.RequireDistinctApprover ?? false };
        }

        /// <summary>Seconds to a duration; a value no duration can hold is reported with the field's range.</summary>
        private TimeSpan? ToDuration(double? seconds, string path, NumberRange range)
        {
            if (seconds is not { } value)
            {
                return null;
            }

            if (Math.Abs(value) > 1e9)
            {
                shape.Report(path, range.Describe(value));
                return null;
            }

            return TimeSpan.FromSeconds(value);
        }

        private int? ToInt(long? value, string path, NumberRange range)
        {
            if (value is not { } v)
            {
                return null;
            }

            if (v is < int.MinValue or > int.MaxValue)
            {
                shape.Report(path, range.Describe(v));
                return null;
            }

            return (int)v;
        }
    }
}
