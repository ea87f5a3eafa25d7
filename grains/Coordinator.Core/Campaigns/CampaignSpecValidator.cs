using System.Collections.Immutable;
using Coordinator.Domain;

namespace Coordinator.Campaigns;

/// <summary>
/// Checks a <see cref="CampaignSpec"/> and reports every problem at once, each with its JSON path
/// (<c>$.waves[1].regions[0]</c>), whether the spec came from a file or over the wire.
/// </summary>
public static partial class CampaignSpecValidator
{
    /// <summary>Every problem, including regions that are not in <paramref name="knownRegions"/> (the service's registered regions).</summary>
    public static IReadOnlyList<FieldError> Validate(CampaignSpec? spec, IReadOnlySet<string> knownRegions)
    {
        ArgumentNullException.ThrowIfNull(knownRegions);
        return Run(spec, knownRegions);
    }

    /// <summary>Every problem except region registration, for when the service's regions are not at hand.</summary>
    public static IReadOnlyList<FieldError> ValidateShape(CampaignSpec? spec) => Run(spec, null);

    /// <summary>Throws one <see cref="InvalidInputException"/> listing every problem, if there is any.</summary>
    public static void ThrowIfInvalid(CampaignSpec? spec, IReadOnlySet<string> knownRegions) =>
        NameRules.ThrowIfAny(Validate(spec, knownRegions));

    private static List<FieldError> Run(CampaignSpec? spec, IReadOnlySet<string>? knownRegions)
    {
        var errors = new List<FieldError>();
        if (spec is null)
        {
            errors.Add(new FieldError(JsonPath.Root, "a campaign spec is required"));
            return errors;
        }

        if (spec.Version != CampaignSpec.CurrentVersion)
        {
            errors.Add(new FieldError("$.version", $"must be {CampaignSpec.CurrentVersion} (got {spec.Version})"));
        }

        NameRules.Check("$.service", spec.Service, errors);
        NameRules.Check("$.campaign_id", spec.CampaignId, errors);
        NameRules.CheckText("$.operator", spec.Operator, Limits.MaxOperatorLength, errors);
        NameRules.CheckText("$.reason", spec.Reason, Limits.MaxReasonLength, errors);
        errors.AddRange(ManifestValidator.Validate(spec.Target, "$.target."));
        CheckFences("$.fences", spec.Fences, errors);
        CheckDuration("$.hold_seconds", spec.Hold, CampaignLimits.HoldSeconds, errors);
        CheckDuration("$.smoke_deadline_seconds", spec.SmokeDeadline, CampaignLimits.SmokeDeadlineSeconds, errors);
        CheckDuration("$.consumer_drain_seconds", spec.ConsumerDrainTimeout, CampaignLimits.ConsumerDrainSeconds, errors);
        CheckGate(spec.Gate, spec.StopRules, errors);
        CheckStopRules(spec.StopRules, errors);
        CheckApproval(spec.Approval, errors);
        CheckJudge(spec.Judge, errors);
        CheckWaves(spec, knownRegions, errors);
        CheckWarm(spec.Warm, spec.Gate, errors);
        return errors;
    }

    /// <summary>The gold set's own format is the evaluator's to check (the silo does, at start); here, its presence, size and the run's settings.</summary>
    private static void CheckWarm(WarmSpec? warm, GateThresholds gate, List<FieldError> errors)
    {
        if (warm is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(warm.GoldSetContent))
        {
            errors.Add(new FieldError("$.warm.gold_set_content", string.IsNullOrWhiteSpace(warm.GoldSet)
                ? "is required: name the gold set file in warm.gold_set (the console sends its text) or give its text here"
                : $"is empty: the gold set '{warm.GoldSet}' was not read (the console reads warm.gold_set and sends its text)"));
        }
        else if (warm.GoldSetContent.Length > CampaignLimits.MaxGoldSetChars)
        {
            errors.Add(new FieldError("$.warm.gold_set_content", $"is {warm.GoldSetContent.Length} characters; a gold set carried in a spec is at most {CampaignLimits.MaxGoldSetChars}"));
        }

        if (warm.GoldSet is null || warm.GoldSet.Length > Limits.MaxReasonLength)
        {
            errors.Add(new FieldError("$.warm.gold_set", $"must be a file name of at most {Limits.MaxReasonLength} characters"));
        }

        var seeds = warm.Seeds ?? [];
        if (!CampaignLimits.WarmSeeds.Contains(seeds.Count) || seeds.Distinct().Count() != seeds.Count)
        {
            errors.Add(new FieldError("$.warm.seeds", $"needs {NumberRange.Format(CampaignLimits.WarmSeeds.Min)} to {NumberRange.Format(CampaignLimits.WarmSeeds.Max)} distinct seeds (got [{string.Join(", ", seeds)}])"));
        }
        else if (seeds.Count < gate.LambdaSeeds)
        {
            errors.Add(new FieldError("$.warm.seeds", $"the gate judges λ on {gate.LambdaSeeds} seeds (gate.lambda_seeds), but only {seeds.Count} are asked"));
        }

        CheckRange("$.warm.concurrency", warm.Concurrency, CampaignLimits.WarmConcurrency, errors);
        CheckDuration("$.warm.call_timeout_seconds", warm.CallTimeout, CampaignLimits.WarmCallTimeoutSeconds, errors);
        CheckRange("$.warm.warmup", warm.Warmup, CampaignLimits.WarmWarmup, errors);
    }

    private static void CheckWaves(CampaignSpec spec, IReadOnlySet<string>? knownRegions, List<FieldError> errors)
    {
        const string path = "$.waves";
        var waves = spec.Waves;
        if (waves is null || waves.Count == 0)
        {
            errors.Add(new FieldError(path, "must list at least one wave"));
            return;
        }

        if (waves.Count > CampaignLimits.MaxWaves)
        {
            errors.Add(new FieldError(path, $"must have at most {CampaignLimits.MaxWaves} waves (got {waves.Count})"));
        }

        var regionPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        var namePaths = new Dictionary<string, string>(StringComparer.Ordinal);
        var total = 0;
        for (var i = 0; i < waves.Count; i++)
        {
            var wavePath = JsonPath.Index(path, i);
            var wave = waves[i];
            if (wave is null)
            {
                errors.Add(new FieldError(wavePath, "is required"));
                continue;
            }

            if (wave.Name is not null)
            {
                var namePath = wavePath + ".name";
                if (CheckName(namePath, wave.Name, errors) && !namePaths.TryAdd(wave.Name, namePath))
                {
                    errors.Add(new FieldError(namePath, $"'{wave.Name}' is already the name of {namePaths[wave.Name][..^".name".Length]}"));
                }
            }

            var regions = wave.Regions ?? [];
            if (regions.Count == 0)
            {
                errors.Add(new FieldError(wavePath + ".regions", "must list at least one region"));
            }

            total += regions.Count;
            for (var j = 0; j < regions.Count; j++)
            {
                CheckRegion(JsonPath.Index(wavePath + ".regions", j), regions[j], spec.Service, knownRegions, regionPaths, errors);
            }

            if (wave.Hold is { } hold)
            {
                CheckDuration(wavePath + ".hold_seconds", hold, CampaignLimits.HoldSeconds, errors);
            }

            if (wave.Fences is not null)
            {
                CheckFences(wavePath + ".fences", wave.Fences, errors);
            }

            foreach (var (region, fences) in wave.RegionFences ?? ImmutableSortedDictionary<string, FenceSpec>.Empty)
            {
                var regionFencePath = JsonPath.Property(wavePath + ".region_fences", region);
                if (!regions.Contains(region, StringComparer.Ordinal))
                {
                    errors.Add(new FieldError(regionFencePath, $"'{region}' is not a region of this wave (its regions: {string.Join(", ", regions)})"));
                }

                CheckFences(regionFencePath, fences, errors);
            }
        }

        if (total > CampaignLimits.MaxRegions)
        {
            errors.Add(new FieldError(path, $"must name at most {CampaignLimits.MaxRegions} regions over all waves (got {total})"));
        }
    }

    private static void CheckRegion(
        string path, string? region, string service, IReadOnlySet<string>? knownRegions, Dictionary<string, string> regionPaths, List<FieldError> errors)
    {
        if (!CheckName(path, region, errors))
        {
            return;
        }

        if (knownRegions is not null && !knownRegions.Contains(region!))
        {
            var known = knownRegions.Count == 0
                ? "it has no registered regions"
                : "registered: " + string.Join(", ", knownRegions.Order(StringComparer.Ordinal).Take(20)) + (knownRegions.Count > 20 ? ", ..." : string.Empty);
            errors.Add(new FieldError(path, $"'{region}' is not a registered region of service '{service}' ({known})"));
        }
        else if (!regionPaths.TryAdd(region!, path))
        {
            errors.Add(new FieldError(path, $"'{region}' is already in {regionPaths[region!]}: a region belongs to one wave, once"));
        }
    }

    private static void CheckFences(string path, FenceSpec? fences, List<FieldError> errors)
    {
        if (fences is null)
        {
            errors.Add(new FieldError(path, "is required"));
            return;
        }

        CheckNameList(path + ".writers", fences.Writers, errors);
        CheckNameList(path + ".consumer_groups", fences.ConsumerGroups, errors);
    }

    private static void CheckNameList(string path, IReadOnlyList<string>? names, List<FieldError> errors)
    {
        if (names is null)
        {
            return;
        }

        if (names.Count > CampaignLimits.MaxFenceNames)
        {
            errors.Add(new FieldError(path, $"must have at most {CampaignLimits.MaxFenceNames} entries (got {names.Count})"));
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var itemPath = JsonPath.Index(path, i);
            if (CheckName(itemPath, names[i], errors) && !seen.TryAdd(names[i], itemPath))
            {
                errors.Add(new FieldError(itemPath, $"'{names[i]}' is already listed at {seen[names[i]]}"));
            }
        }
    }

    private static void CheckGate(GateThresholds? gate, StopRules? stop, List<FieldError> errors)
    {
        const string path = "$.gate";
        if (gate is null)
        {
            errors.Add(new FieldError(path, "is required"));
            return;
        }

        CheckRange(path + ".max_delta_s", gate.MaxDeltaS, CampaignLimits.MaxDeltaS, errors);
        CheckRange(path + ".paraphrases", gate.Paraphrases, CampaignLimits.Paraphrases, errors);
        CheckRange(path + ".min_coverage", gate.MinCoverage, CampaignLimits.MinCoverage, errors);
        CheckRange(path + ".lambda_seeds", gate.LambdaSeeds, CampaignLimits.LambdaSeeds, errors);
        CheckRange(path + ".min_smoke_lambda_convergence", gate.MinSmokeLambdaConvergence, CampaignLimits.MinSmokeLambdaConvergence, errors);
        CheckRange(path + ".max_lambda_flip_increase", gate.MaxLambdaFlipIncrease, CampaignLimits.MaxLambdaFlipIncrease, errors);
        CheckRange(path + ".max_p95_latency_increase", gate.MaxP95LatencyIncrease, CampaignLimits.MaxP95LatencyIncrease, errors);
        CheckRange(path + ".max_error_rate", gate.MaxErrorRate, CampaignLimits.MaxErrorRate, errors);
        CheckRange(path + ".min_smoke_items", gate.MinSmokeItems, CampaignLimits.MinSmokeItems, errors);
        CheckRange(path + ".min_window_requests", gate.MinWindowRequests, CampaignLimits.MinWindowRequests, errors);
        CheckRange(path + ".min_quality_samples", gate.MinQualitySamples, CampaignLimits.MinQualitySamples, errors);
        if (gate.SmokeMaxP95LatencyMs is { } latency)
        {
            CheckRange(path + ".smoke_max_p95_latency_ms", latency, CampaignLimits.SmokeMaxP95LatencyMs, errors);
        }

        // A coverage between the two would pass and stop at once.
        if (stop is not null
            && CampaignLimits.MinCoverage.Contains(gate.MinCoverage)
            && CampaignLimits.StopMinCoverage.Contains(stop.MinCoverage)
            && stop.MinCoverage > gate.MinCoverage)
        {
            errors.Add(new FieldError(
                "$.stop_rules.min_coverage",
                $"must not be above $.gate.min_coverage ({NumberRange.Format(gate.MinCoverage)}): a coverage between them would pass and stop at once (got {NumberRange.Format(stop.MinCoverage)})"));
        }
    }

    private static void CheckStopRules(StopRules? stop, List<FieldError> errors)
    {
        const string path = "$.stop_rules";
        if (stop is null)
        {
            errors.Add(new FieldError(path, "is required"));
            return;
        }

        CheckRange(path + ".max_delta_s_p95_drift", stop.MaxDeltaSP95Drift, CampaignLimits.MaxDeltaSP95Drift, errors);
        CheckRange(path + ".min_coverage", stop.MinCoverage, CampaignLimits.StopMinCoverage, errors);
        CheckRange(path + ".max_lambda_flip_rate", stop.MaxLambdaFlipRate, CampaignLimits.MaxLambdaFlipRate, errors);
        CheckRange(path + ".max_5xx_rate", stop.Max5xxRate, CampaignLimits.Max5xxRate, errors);
        CheckRange(path + ".max_tool_loop_signals", stop.MaxToolLoopSignals, CampaignLimits.MaxToolLoopSignals, errors);
    }

    private static void CheckApproval(ApprovalPolicy? approval, List<FieldError> errors)
    {
        if (approval is null)
        {
            errors.Add(new FieldError("$.approval", "is required"));
        }
        else if (!Enum.IsDefined(approval.Mode))
        {
            errors.Add(new FieldError("$.approval.mode", $"must be 'automatic' or 'manual' (got {(int)approval.Mode})"));
        }
    }

    private static void CheckDuration(string path, TimeSpan value, NumberRange seconds, List<FieldError> errors) =>
        CheckRange(path, value.TotalSeconds, seconds, errors);

    private static void CheckRange(string path, double value, NumberRange range, List<FieldError> errors)
    {
        if (!range.Contains(value))
        {
            errors.Add(new FieldError(path, range.Describe(value)));
        }
    }

    private static bool CheckName(string path, string? value, List<FieldError> errors)
    {
        var before = errors.Count;
        NameRules.Check(path, value, errors);
        return errors.Count == before;
    }
}
