using Coordinator.Campaigns;
using static Coordinator.Core.Tests.Campaigns.CampaignSamples;

namespace Coordinator.Core.Tests.Campaigns;

public sealed class HoldGateTests
{
    private static readonly TelemetryWindow Blue = Window(Arm.Blue);
    private static readonly TelemetryWindow Green = Window(Arm.Green);

    private static GateResult Evaluate(TelemetryWindow green, TelemetryWindow? blue = null) =>
        CampaignGate.EvaluateHold(green, blue ?? Blue, GateThresholds.Default, StopRules.Default, CampaignSamples.Target);

    private static MetricResult Metric(GateResult result, string name) => Assert.Single(result.Metrics, m => m.Metric == name);

    [Fact]
    public void A_healthy_green_window_passes_every_metric()
    {
        var result = Evaluate(Green);

        Assert.Equal(GateVerdict.Pass, result.Verdict);
        Assert.Equal(GateKind.Hold, result.Kind);
        Assert.Equal(Green.To, result.AsOf);
        Assert.Equal(
            ["requests", "quality_samples", "versions", "error_rate", "http_5xx_rate", "latency_p95_ms", "delta_s_p95", "delta_s_p95_drift",
             "coverage_mean", "lambda_flip_rate", "lambda_convergent", "tool_loop_signals"],
            result.Metrics.Select(m => m.Metric));
        Assert.All(result.Metrics, m => Assert.Equal(GateVerdict.Pass, m.Verdict));
        Assert.Equal(460, Metric(result, "latency_p95_ms").PassTarget!.Value, 6);
    }

    [Fact]
    public void Too_few_requests_is_inconclusive_never_pass_and_rates_are_not_judged()
    {
        var result = Evaluate(Green with { RequestCount = 150, ErrorCount = 150, Http5xxCount = 150 });

        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        foreach (var name in new[] { "requests", "error_rate", "http_5xx_rate", "latency_p95_ms" })
        {
            var metric = Metric(result, name);
            Assert.Equal(GateVerdict.Inconclusive, metric.Verdict);
            Assert.Contains("150 green requests, at least 200 needed", metric.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Too_few_quality_samples_is_inconclusive_for_the_quality_metrics()
    {
        var result = Evaluate(Green with { CoverageSamples = 10, CoverageMean = 0.1 });

        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        Assert.Equal((GateVerdict.Inconclusive, 10.0), (Metric(result, "quality_samples").Verdict, Metric(result, "quality_samples").Value!.Value));
        Assert.Equal(GateVerdict.Inconclusive, Metric(result, "coverage_mean").Verdict);
        Assert.Equal(GateVerdict.Pass, Metric(result, "delta_s_p95").Verdict);
    }

    [Fact]
    public void A_small_blue_baseline_leaves_the_comparisons_inconclusive()
    {
        var result = Evaluate(Green, Blue with { RequestCount = 20, DeltaSSamples = 5, LambdaSamples = 5 });

        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        Assert.Equal(
            ["delta_s_p95_drift", "lambda_flip_rate", "latency_p95_ms"],
            result.Metrics.Where(m => m.Verdict == GateVerdict.Inconclusive).Select(m => m.Metric).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string, Func<TelemetryWindow, TelemetryWindow>> StopRuleCases => new()
    {
        { "delta_s_p95_drift", "stop_rules.max_delta_s_p95_drift", w => w with { DeltaSP95 = Blue.DeltaSP95 + 0.16 } },
        { "coverage_mean", "stop_rules.min_coverage", w => w with { CoverageMean = 0.59 } },
        { "lambda_flip_rate", "stop_rules.max_lambda_flip_rate", w => w with { LambdaFlipRate = 0.21 } },
        { "http_5xx_rate", "stop_rules.max_5xx_rate", w => w with { Http5xxCount = 11, ErrorCount = 11 } },
        { "tool_loop_signals", "stop_rules.max_tool_loop_signals", w => w with { ToolLoopSignals = 1 } },
    };

    [Theory]
    [MemberData(nameof(StopRuleCases))]
    public void Each_stop_rule_fails_the_gate_and_is_named(string metric, string rule, Func<TelemetryWindow, TelemetryWindow> breakIt)
    {
        var result = Evaluate(breakIt(Green));

        Assert.Equal(GateVerdict.Fail, result.Verdict);
        var failed = Assert.Single(result.Metrics, m => m.Verdict == GateVerdict.Fail);
        Assert.Equal((metric, rule), (failed.Metric, failed.StopRule));
        Assert.Contains($"stop rule {rule} fired", failed.Reason, StringComparison.Ordinal);
        Assert.Contains(rule, result.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<TelemetryWindow, TelemetryWindow>> BandCases => new()
    {
        { "coverage_mean", w => w with { CoverageMean = 0.65 } },
        { "lambda_flip_rate", w => w with { LambdaFlipRate = 0.15 } },
        { "error_rate", w => w with { ErrorCount = 8 } },
        { "latency_p95_ms", w => w with { Latency = new LatencyStats { P50Ms = 210, P95Ms = 480 } } },
        { "delta_s_p95", w => w with { DeltaSP95 = 0.47 } },
        { "lambda_convergent", w => w with { LambdaConvergent = false } },
    };

    [Theory]
    [MemberData(nameof(BandCases))]
    public void Between_the_pass_target_and_the_stop_rule_is_inconclusive(string metric, Func<TelemetryWindow, TelemetryWindow> degrade)
    {
        var result = Evaluate(degrade(Green));

        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        var inconclusive = Assert.Single(result.Metrics, m => m.Verdict == GateVerdict.Inconclusive);
        Assert.Equal(metric, inconclusive.Metric);
        Assert.Contains("misses the target", inconclusive.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_exactly_at_a_stop_rule_does_not_fire_it()
    {
        var result = Evaluate(Green with { CoverageMean = 0.60, Http5xxCount = 10, ErrorCount = 10, LambdaFlipRate = 0.20 });

        Assert.DoesNotContain(result.Metrics, m => m.Verdict == GateVerdict.Fail);
        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
    }

    [Fact]
    public void Green_may_not_flip_more_than_blue_but_may_match_it()
    {
        var blue = Blue with { LambdaFlipRate = 0.10 };

        Assert.Equal(GateVerdict.Pass, Metric(Evaluate(Green with { LambdaFlipRate = 0.10 }, blue), "lambda_flip_rate").Verdict);
        Assert.Equal(GateVerdict.Inconclusive, Metric(Evaluate(Green with { LambdaFlipRate = 0.11 }, blue), "lambda_flip_rate").Verdict);
    }

    [Fact]
    public void A_tool_loop_stops_the_hold_however_few_requests_there_were()
    {
        var result = Evaluate(Green with { RequestCount = 3, ToolLoopSignals = 1 });

        Assert.Equal(GateVerdict.Fail, result.Verdict);
        Assert.Equal("tool_loop_signals", Assert.Single(result.Metrics, m => m.Verdict == GateVerdict.Fail).Metric);
    }

    [Fact]
    public void The_worst_metric_decides()
    {
        var result = Evaluate(Green with { CoverageMean = 0.65, ToolLoopSignals = 2 });

        Assert.Equal(GateVerdict.Fail, result.Verdict);
        Assert.Equal(GateVerdict.Inconclusive, Metric(result, "coverage_mean").Verdict);
    }

    [Fact]
    public void Overrides_move_the_targets_and_the_stop_rules()
    {
        var green = Green with { CoverageMean = 0.55 };
        var loose = CampaignGate.EvaluateHold(
            green, Blue, GateThresholds.Default with { MinCoverage = 0.5 }, StopRules.Default with { MinCoverage = 0.4 });

        Assert.Equal(GateVerdict.Fail, Evaluate(green).Verdict);
        Assert.Equal(GateVerdict.Pass, loose.Verdict);
    }

    [Fact]
    public void Versions_other_than_the_target_fail_and_mixed_or_unpinned_ones_are_inconclusive()
    {
        var drifted = Evaluate(Green with { Versions = GreenVersions with { IndexHash = "idx-old" } });

        Assert.Equal(GateVerdict.Fail, drifted.Verdict);
        Assert.Contains("index_hash: expected 'idx-green', found 'idx-old'", Metric(drifted, "versions").Reason, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Inconclusive, Evaluate(Green with { MixedVersions = true }).Verdict);
        Assert.Equal(GateVerdict.Inconclusive, Evaluate(Green with { Versions = null }).Verdict);
    }

    [Fact]
    public void Comparing_an_arm_with_itself_or_another_region_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => Evaluate(Green, Green));
        Assert.Throws<ArgumentException>(() => Evaluate(Green, Blue with { Region = "us-east" }));
    }
}
