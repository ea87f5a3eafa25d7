using Coordinator.Campaigns;
using static Coordinator.Core.Tests.Campaigns.CampaignSamples;

namespace Coordinator.Core.Tests.Campaigns;

public sealed class WarmGateTests
{
    private static readonly GateThresholds Seed = GateThresholds.Default;

    private static MetricResult Metric(GateResult result, string name) => Assert.Single(result.Metrics, m => m.Metric == name);

    [Fact]
    public void A_healthy_smoke_run_of_twenty_items_passes_every_metric()
    {
        var result = CampaignGate.EvaluateWarm(Smoke(20), Seed, CampaignSamples.Target);

        Assert.Equal(GateVerdict.Pass, result.Verdict);
        Assert.Equal(GateKind.Warm, result.Kind);
        Assert.Equal(T0, result.AsOf);
        Assert.Equal(
            ["smoke_items", "versions", "delta_s_p95", "coverage_mean", "lambda_convergence", "latency_p95_ms"],
            result.Metrics.Select(m => m.Metric));
        Assert.All(result.Metrics, m => Assert.Equal(GateVerdict.Pass, m.Verdict));
    }

    [Fact]
    public void Too_few_items_is_inconclusive_however_good_the_numbers()
    {
        var result = CampaignGate.EvaluateWarm(Smoke(19), Seed);

        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        Assert.Contains("19 complete smoke items, at least 20 needed", Metric(result, "smoke_items").Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Metrics, m => m.Metric != "versions" && m.Verdict == GateVerdict.Pass);
    }

    [Fact]
    public void Too_few_items_is_inconclusive_even_when_a_target_is_missed()
    {
        var report = Smoke(Enumerable.Range(1, 5).Select(i => Item($"q-{i}", coverage: 0.1)));

        Assert.Equal(GateVerdict.Inconclusive, CampaignGate.EvaluateWarm(report, Seed).Verdict);
    }

    [Fact]
    public void Items_without_every_paraphrase_and_seed_do_not_count()
    {
        var items = Enumerable.Range(1, 18).Select(i => Item($"q-{i:00}"))
            .Append(Item("q-19", paraphrases: 2))
            .Append(Item("q-20", seeds: 1))
            .Append(Item("q-21"));

        var result = CampaignGate.EvaluateWarm(Smoke(items), Seed);

        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        var counted = Metric(result, "smoke_items");
        Assert.Equal(19, counted.Value);
        Assert.Contains("q-19, q-20", counted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Delta_s_above_target_on_more_than_one_item_in_twenty_fails_naming_the_worst_item()
    {
        var report = Replace(Replace(Smoke(20), 3, i => i with { DeltaS = [0.2, 0.52, 0.3] }), 7, i => i with { DeltaS = [0.2, 0.3, 0.61] });

        var result = CampaignGate.EvaluateWarm(report, Seed);

        Assert.Equal(GateVerdict.Fail, result.Verdict);
        var metric = Metric(result, "delta_s_p95");
        Assert.Equal((GateVerdict.Fail, 0.52, 0.45), (metric.Verdict, metric.Value!.Value, metric.PassTarget!.Value));
        Assert.Contains("worst item q-08 at 0.61", metric.Reason, StringComparison.Ordinal);
        Assert.StartsWith("fail: delta_s_p95", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void One_outlier_paraphrase_in_twenty_items_is_within_the_p95()
    {
        var report = Replace(Smoke(20), 3, i => i with { DeltaS = [0.2, 0.9, 0.3] });

        Assert.Equal(GateVerdict.Pass, CampaignGate.EvaluateWarm(report, Seed).Verdict);
    }

    [Fact]
    public void Low_coverage_fails()
    {
        var report = Smoke(Enumerable.Range(1, 20).Select(i => Item($"q-{i}", coverage: i <= 10 ? 0.9 : 0.45)));

        var metric = Metric(CampaignGate.EvaluateWarm(report, Seed), "coverage_mean");

        Assert.Equal(GateVerdict.Fail, metric.Verdict);
        Assert.Equal(0.675, metric.Value!.Value, 6);
    }

    [Fact]
    public void An_item_that_is_not_convergent_on_every_seed_fails_by_default_and_passes_a_looser_target()
    {
        var report = Replace(Smoke(20), 0, i => i with { Lambda = [LambdaState.Convergent, LambdaState.Divergent] });

        var strict = Metric(CampaignGate.EvaluateWarm(report, Seed), "lambda_convergence");
        var loose = Metric(CampaignGate.EvaluateWarm(report, Seed with { MinSmokeLambdaConvergence = 0.95 }), "lambda_convergence");

        Assert.Equal((GateVerdict.Fail, 0.95), (strict.Verdict, strict.Value!.Value));
        Assert.Contains("q-01", strict.Reason, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Pass, loose.Verdict);
    }

    [Fact]
    public void Latency_is_informational_unless_a_smoke_target_is_set()
    {
        var report = Smoke(Enumerable.Range(1, 20).Select(i => Item($"q-{i}", latencyMs: 100 * i)));

        var free = Metric(CampaignGate.EvaluateWarm(report, Seed), "latency_p95_ms");
        var bounded = Metric(CampaignGate.EvaluateWarm(report, Seed with { SmokeMaxP95LatencyMs = 1500 }), "latency_p95_ms");

        Assert.Equal((GateVerdict.Pass, 1900.0), (free.Verdict, free.Value!.Value));
        Assert.Equal(GateVerdict.Fail, bounded.Verdict);
    }

    [Fact]
    public void A_report_on_other_versions_fails_and_an_unpinned_one_is_inconclusive()
    {
        var other = Smoke(20) with { Versions = GreenVersions with { PromptVer = "prompt-11" } };
        var unpinned = Smoke(20) with { Versions = null };

        var failed = CampaignGate.EvaluateWarm(other, Seed, CampaignSamples.Target);

        Assert.Equal(GateVerdict.Fail, failed.Verdict);
        Assert.Contains("prompt_ver: expected 'prompt-12', found 'prompt-11'", Metric(failed, "versions").Reason, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Inconclusive, CampaignGate.EvaluateWarm(unpinned, Seed, CampaignSamples.Target).Verdict);
        Assert.Equal(GateVerdict.Pass, CampaignGate.EvaluateWarm(unpinned, Seed).Verdict);
    }

    [Fact]
    public void More_paraphrases_required_than_items_carry_makes_every_item_incomplete()
    {
        var result = CampaignGate.EvaluateWarm(Smoke(25), Seed with { Paraphrases = 4 });

        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        Assert.Null(Metric(result, "coverage_mean").Value);
    }
}
