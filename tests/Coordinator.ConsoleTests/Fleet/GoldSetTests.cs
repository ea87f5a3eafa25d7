using Coordinator.Campaigns;
using Coordinator.Fleet;

namespace Coordinator.ConsoleTests.Fleet;

/// <summary>The evaluator's smoke report, judged by the real warm gate.</summary>
public sealed class GoldSetTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static readonly ArmManifest Green = new()
    {
        IndexHash = "idx-green-1",
        EmbedSchema = "emb-v4",
        RerankConf = "rerank-2",
        PromptVer = "prompt-11",
        ModelVer = "llm-2026.11",
        SecretsFingerprint = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        ConsumerVer = "cv-2",
    };

    private static SmokeReport Run(params FaultInjection[] faults) =>
        GoldSet.Run("rag-api", "ap-south", Green, new SimulatedArm(Arm.Green, faults), GateThresholds.Default, Now);

    [Fact]
    public void A_healthy_green_gives_a_complete_pinned_report_of_20_to_40_items_that_passes_the_warm_gate()
    {
        var report = Run();

        Assert.InRange(report.Items.Count, 20, 40);
        Assert.All(report.Items, i => Assert.Equal((3, 2), (i.DeltaS.Count, i.Lambda.Count)));
        Assert.Equal(PinnedVersions.Of(Green), report.Versions);
        Assert.Equal(("rag-api", "ap-south", Arm.Green), (report.Service, report.Region, report.Arm));
        Assert.Empty(SmokeReportValidator.Validate(report));
        var gate = CampaignGate.EvaluateWarm(report, GateThresholds.Default, Green);
        Assert.True(gate.Verdict == GateVerdict.Pass, gate.Reason);
    }

    [Fact]
    public void The_same_inputs_give_the_same_report()
    {
        var first = Run();
        var second = Run();

        Assert.Equal(
            first.Items.Select(i => (i.Id, string.Join(",", i.DeltaS), i.Coverage, string.Join(",", i.Lambda), i.LatencyMs)),
            second.Items.Select(i => (i.Id, string.Join(",", i.DeltaS), i.Coverage, string.Join(",", i.Lambda), i.LatencyMs)));
    }

    [Fact]
    public void Injected_coverage_sets_the_mean_and_fails_the_warm_gate_on_coverage()
    {
        var report = Run(new FaultInjection("ap-south", FaultMetric.Coverage, 0.55));

        var summary = SmokeSummariser.Summarise(report, 3, 2);
        Assert.InRange(summary.CoverageMean!.Value, 0.52, 0.58);
        var gate = CampaignGate.EvaluateWarm(report, GateThresholds.Default, Green);
        Assert.Equal(GateVerdict.Fail, gate.Verdict);
        Assert.Equal(["coverage_mean"], gate.MetricsWith(GateVerdict.Fail).Select(m => m.Metric));
    }

    [Fact]
    public void Injected_delta_s_and_lambda_flips_fail_their_own_metrics()
    {
        var deltaS = CampaignGate.EvaluateWarm(Run(new FaultInjection("ap-south", FaultMetric.DeltaS, 0.7)), GateThresholds.Default, Green);
        var lambda = CampaignGate.EvaluateWarm(Run(new FaultInjection("ap-south", FaultMetric.LambdaFlipRate, 0.5)), GateThresholds.Default, Green);

        Assert.Equal(["delta_s_p95"], deltaS.MetricsWith(GateVerdict.Fail).Select(m => m.Metric));
        Assert.Equal(["lambda_convergence"], lambda.MetricsWith(GateVerdict.Fail).Select(m => m.Metric));
    }

    [Fact]
    public void Injections_never_degrade_blue_and_live_requests_carry_the_degradation()
    {
        var fault = new FaultInjection("ap-south", FaultMetric.Http5xxRate, 1.0);
        var blue = new SimulatedArm(Arm.Blue, [fault]);
        var green = new SimulatedArm(Arm.Green, [fault]);
        var random = new Random(1);

        Assert.False(blue.IsDegraded);
        Assert.All(Enumerable.Range(0, 50).Select(_ => blue.Request(random)), s => Assert.False(s.Http5xx));
        Assert.All(Enumerable.Range(0, 50).Select(_ => green.Request(random)), s => Assert.True(s.Http5xx && s.Error));
    }
}
