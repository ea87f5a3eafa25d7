using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Coordinator.Campaigns.Json;
using Coordinator.Domain;

namespace Coordinator.Campaigns;

/// <summary>Turns a spec into the ordered plan a campaign walks, changing nothing.</summary>
public static class CampaignPlanner
{
    /// <exception cref="InvalidInputException">The spec is not valid (region registration is not checked here).</exception>
    public static CampaignPlan Plan(CampaignSpec spec)
    {
        NameRules.ThrowIfAny(CampaignSpecValidator.ValidateShape(spec));

        var order = 0;
        var waves = ImmutableList.CreateBuilder<PlannedWave>();
        for (var i = 0; i < spec.Waves.Count; i++)
        {
            var wave = spec.Waves[i];
            var name = WaveName(wave, i);
            var regions = ImmutableList.CreateBuilder<PlannedRegion>();
            foreach (var region in wave.Regions)
            {
                regions.Add(new PlannedRegion
                {
                    Order = order++,
                    WaveIndex = i,
                    WaveName = name,
                    Region = region,
                    Steps = ChecklistSteps.All,
                    Fences = ResolveFences(spec, wave, region),
                });
            }

            waves.Add(new PlannedWave
            {
                Index = i,
                Name = name,
                Hold = spec.HoldOf(wave),
                ApprovalBefore = i > 0 && spec.Approval.Mode == ApprovalMode.Manual,
                Regions = regions.ToImmutable(),
            });
        }

        var planned = waves.ToImmutable();
        return new CampaignPlan
        {
            Service = spec.Service,
            CampaignId = spec.CampaignId,
            SpecFingerprint = CampaignSpecWriter.Fingerprint(spec),
            Target = spec.Target,
            Waves = planned,
            Regions = [.. planned.SelectMany(w => w.Regions)],
            Summary = Summarise(spec, planned),
        };
    }

    /// <summary>The wave's name, or "wave-N" (1-based) when it has none.</summary>
    public static string WaveName(WaveSpec wave, int index) => wave.Name ?? $"wave-{index + 1}";

    /// <summary>Each list on its own: the region's if set, else the wave's, else the campaign's, else none.</summary>
    public static RegionFences ResolveFences(CampaignSpec spec, WaveSpec wave, string region)
    {
        var own = wave.RegionFences.GetValueOrDefault(region);
        return new RegionFences
        {
            Writers = own?.Writers ?? wave.Fences?.Writers ?? spec.Fences.Writers ?? [],
            ConsumerGroups = own?.ConsumerGroups ?? wave.Fences?.ConsumerGroups ?? spec.Fences.ConsumerGroups ?? [],
        };
    }

    /// <summary>"0 s", "45 s", "15 min", "1 h 30 min", "2 min 5 s".</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration == TimeSpan.Zero ? "0 s" : $"{(long)duration.TotalMilliseconds} ms";
        }

        var parts = new List<string>();
        var hours = (long)duration.TotalHours;
        if (hours > 0)
        {
            parts.Add($"{hours} h");
        }

        if (duration.Minutes > 0)
        {
            parts.Add($"{duration.Minutes} min");
        }

        if (duration.Seconds > 0)
        {
            parts.Add($"{duration.Seconds} s");
        }

        return string.Join(" ", parts);
    }

    private static string Summarise(CampaignSpec spec, ImmutableList<PlannedWave> waves)
    {
        var g = spec.Gate;
        var s = spec.StopRules;
        var t = spec.Target;
        var regionCount = waves.Sum(w => w.Regions.Count);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Campaign '{spec.CampaignId}' moves {spec.Service} to Green in {regionCount} region(s) over {waves.Count} wave(s).");
        text.AppendLine(CultureInfo.InvariantCulture, $"Requested by {spec.Operator}: {spec.Reason}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Target: {string.Join(", ", ManifestFields.Versions.Select(f => $"{f.Name} {f.Get(t)}"))}.");
        text.AppendLine(spec.Approval.Mode == ApprovalMode.Manual
            ? "Approval: manual, before every wave after the first" + (spec.Approval.RequireDistinctApprover ? $"; the approver must not be {spec.Operator}." : ".")
            : "Approval: automatic, each wave starts when the one before it completes" + (spec.Approval.RequireDistinctApprover ? $"; an inconclusive hold needs an approver other than {spec.Operator}." : "."));
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Warm gate: at least {g.MinSmokeItems} complete smoke items within {FormatDuration(spec.SmokeDeadline)}; ΔS ≤ {N(g.MaxDeltaS)} on {g.Paraphrases} paraphrases (p95 of items); coverage ≥ {N(g.MinCoverage)}; λ convergent on {g.LambdaSeeds} seeds for at least {Pct(g.MinSmokeLambdaConvergence)} of items{(g.SmokeMaxP95LatencyMs is { } ms ? $"; p95 latency ≤ {N(ms)} ms." : ".")}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Hold gate: at least {g.MinWindowRequests} requests and {g.MinQualitySamples} quality samples per window; error rate ≤ {Pct(g.MaxErrorRate)}; p95 latency ≤ Blue + {Pct(g.MaxP95LatencyIncrease)}; ΔS p95 ≤ {N(g.MaxDeltaS)}; coverage ≥ {N(g.MinCoverage)}; λ convergent with a flip rate ≤ Blue + {N(g.MaxLambdaFlipIncrease)}. Inconclusive at the end: the hold is extended once, then an operator decides.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Stop rules (roll back every flipped region): ΔS p95 drift > {N(s.MaxDeltaSP95Drift)}, coverage < {N(s.MinCoverage)}, λ flip rate > {N(s.MaxLambdaFlipRate)}, 5xx > {Pct(s.Max5xxRate)}, tool-loop signals > {s.MaxToolLoopSignals}.");
        foreach (var wave in waves)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Wave {wave.Index + 1}/{waves.Count} '{wave.Name}': hold {FormatDuration(wave.Hold)}{(wave.ApprovalBefore ? ", starts after an operator approves." : ".")}");
            foreach (var region in wave.Regions)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  {region.Order + 1}. {region.Region}: {DescribeFreeze(region.Fences)} → verify invariants → warm Green → flip → hold {FormatDuration(wave.Hold)} → unfreeze (writers on index_hash {t.IndexHash}, consumers on {t.ConsumerVer})");
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string DescribeFreeze(RegionFences fences)
    {
        if (fences.Writers.Count == 0 && fences.ConsumerGroups.Count == 0)
        {
            return "freeze (claim only: no writers or consumer groups to fence)";
        }

        var parts = new List<string>();
        if (fences.Writers.Count > 0)
        {
            parts.Add("writers " + string.Join(", ", fences.Writers));
        }

        if (fences.ConsumerGroups.Count > 0)
        {
            parts.Add("consumer groups " + string.Join(", ", fences.ConsumerGroups));
        }

        return "freeze " + string.Join("; ", parts);
    }

    private static string N(double value) => NumberRange.Format(value);

    private static string Pct(double ratio) => NumberRange.Format(ratio * 100) + " %";
}
