using Coordinator.Campaigns;
using static Coordinator.Core.Tests.Campaigns.CampaignSamples;

namespace Coordinator.Core.Tests.Campaigns;

/// <summary>The hold's rank test beside, or instead of, the thresholds of latency and ΔS.</summary>
public sealed class HoldGateJudgeTests
{
    private static HistogramCounts Latencies(int count, double fromMs, double toMs, int seed) =>
        Histogram(HistogramScale.LatencyMs, count, fromMs, toMs, seed);

    private static HistogramCounts Scores(int count, double from, double to, int seed) =>
        Histogram(HistogramScale.UnitInterval, count, from, to, seed);

    private static HistogramCounts Histogram(HistogramScale scale, int count, double from, double to, int seed)
    {
        var random = new Random(seed);
        var histogram = new Coordinator.Campaigns.Histogram(scale);
        for (var i = 0; i < count; i++)
        {
            histogram.Record(from + (random.NextDouble() * (to - from)));
        }

        return histogram.ToCounts();
    }

    // Blue: 1000 requests 300-420 ms, ΔS 0.20-0.40. The windows' p95s stay as CampaignSamples sets them,
    // so the threshold rows judge the same numbers whatever the histograms hold.
    private static readonly TelemetryWindow Blue = Window(Arm.Blue) with
    {
        LatencyHistogram = Latencies(1000, 300, 420, seed: 1),
        DeltaSHistogram = Scores(100, 0.20, 0.40, seed: 2),
    };

    private static TelemetryWindow Green(HistogramCounts latency, HistogramCounts? deltaS = null) => Window(Arm.Green) with
    {
        LatencyHistogram = latency,
        DeltaSHistogram = deltaS ?? Scores(100, 0.20, 0.40, seed: 4),
    };

    private static MetricResult Latency(TelemetryWindow green, JudgeMode mode, TelemetryWindow? blue = null, long minPoints = 50) =>
        Metric(green, "latency_p95_ms", JudgeSpec.Default with { LatencyP95 = mode, MinPoints = minPoints }, blue);

    private static MetricResult Metric(TelemetryWindow green, string name, JudgeSpec judge, TelemetryWindow? blue = null) =>
        Assert.Single(
            CampaignGate.EvaluateHold(green, blue ?? Blue, GateThresholds.Default, StopRules.Default, Target, judge).Metrics,
            m => m.Metric == name);

    // Green 8 % slower throughout: within the threshold (p95 ≤ Blue's + 15 %), but a clear shift to the rank test.
    private static readonly TelemetryWindow SlowerGreen = Green(Latencies(1000, 324, 454, seed: 3));
    private static readonly TelemetryWindow SameGreen = Green(Latencies(1000, 300, 420, seed: 5));

    [Fact]
    public void A_clearly_slower_green_fails_the_judge_and_both_but_passes_the_threshold_alone()
    {
        var threshold = Latency(SlowerGreen, JudgeMode.Threshold);
        var judge = Latency(SlowerGreen, JudgeMode.Judge);
        var both = Latency(SlowerGreen, JudgeMode.Both);

        Assert.Equal(GateVerdict.Pass, threshold.Verdict);
        Assert.Equal(GateVerdict.Fail, judge.Verdict);
        Assert.Equal(GateVerdict.Fail, both.Verdict);
        Assert.Null(judge.PassTarget);
        Assert.StartsWith("rank test: green higher than blue, p ", judge.Reason, StringComparison.Ordinal);
        foreach (var figure in new[] { "U ", "z ", "rank-biserial r ", "P(green > blue) ", "n 1000/1000" })
        {
            Assert.Contains(figure, judge.Reason, StringComparison.Ordinal);
        }

        Assert.StartsWith("threshold: 400 ms ≤ 460 ms", both.Reason, StringComparison.Ordinal);
        Assert.Contains("; rank test: green higher than blue", both.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_green_from_the_same_distribution_passes_the_judge()
    {
        var judge = Latency(SameGreen, JudgeMode.Judge);

        Assert.Equal(GateVerdict.Pass, judge.Verdict);
        Assert.Contains("no difference at α 0.01", judge.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_faster_green_is_significant_but_passes()
    {
        var faster = Green(Latencies(1000, 250, 350, seed: 6));

        var judge = Latency(faster, JudgeMode.Judge);

        Assert.Equal(GateVerdict.Pass, judge.Verdict);
        Assert.Contains("green lower than blue, which is better", judge.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_points_on_either_side_is_inconclusive_and_both_takes_the_worse_verdict()
    {
        var fewGreen = Green(Latencies(30, 324, 454, seed: 7));
        var fewBlue = Blue with { LatencyHistogram = Latencies(40, 300, 420, seed: 8) };

        var green = Latency(fewGreen, JudgeMode.Judge);
        var blue = Latency(SameGreen, JudgeMode.Judge, fewBlue);
        var both = Latency(fewGreen, JudgeMode.Both);
        var lowered = Latency(fewGreen, JudgeMode.Judge, minPoints: 20);

        Assert.Equal(GateVerdict.Inconclusive, green.Verdict);
        Assert.Contains("too few points (green 30, blue 1000; at least 50 each)", green.Reason, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Inconclusive, blue.Verdict);
        Assert.Contains("(green 1000, blue 40;", blue.Reason, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Inconclusive, both.Verdict);
        Assert.NotEqual(GateVerdict.Inconclusive, lowered.Verdict);
    }

    [Fact]
    public void A_baseline_taken_before_windows_carried_histograms_is_inconclusive_to_the_judge()
    {
        var judge = Latency(SlowerGreen, JudgeMode.Judge, Blue with { LatencyHistogram = null });

        Assert.Equal(GateVerdict.Inconclusive, judge.Verdict);
        Assert.Contains("the blue window carries no histogram", judge.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_higher_delta_s_fails_its_judge_and_the_gate()
    {
        var drifting = Green(Latencies(1000, 300, 420, seed: 9), Scores(100, 0.30, 0.44, seed: 10));
        var judge = JudgeSpec.Default with { DeltaSP95 = JudgeMode.Both };

        var metric = Metric(drifting, "delta_s_p95", judge);
        var gate = CampaignGate.EvaluateHold(drifting, Blue, GateThresholds.Default, StopRules.Default, Target, judge);

        Assert.Equal(GateVerdict.Fail, metric.Verdict);
        Assert.Contains("rank test: green higher than blue", metric.Reason, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Fail, gate.Verdict);
        Assert.Equal(GateVerdict.Pass, Metric(drifting, "delta_s_p95", JudgeSpec.Default).Verdict);
    }

    [Fact]
    public void Without_a_judge_the_gate_is_what_it_was()
    {
        var withDefault = CampaignGate.EvaluateHold(SlowerGreen, Blue, GateThresholds.Default, StopRules.Default, Target, JudgeSpec.Default);
        var without = CampaignGate.EvaluateHold(SlowerGreen, Blue, GateThresholds.Default, StopRules.Default, Target);

        Assert.Equal(without.Metrics, withDefault.Metrics);
        Assert.DoesNotContain(without.Metrics, m => m.Reason.Contains("rank test", StringComparison.Ordinal));
        Assert.Equal(GateVerdict.Pass, without.Verdict);
    }

    [Fact]
    public void A_stricter_alpha_can_turn_a_fail_into_a_pass()
    {
        var mild = Green(Latencies(200, 309, 433, seed: 12));
        var blue = Blue with { LatencyHistogram = Latencies(200, 300, 420, seed: 13) };
        var loose = Metric(mild, "latency_p95_ms", JudgeSpec.Default with { LatencyP95 = JudgeMode.Judge, Alpha = 0.5 }, blue);
        var strict = Metric(mild, "latency_p95_ms", JudgeSpec.Default with { LatencyP95 = JudgeMode.Judge, Alpha = 0.000001 }, blue);

        Assert.Equal(GateVerdict.Pass, strict.Verdict);
        Assert.Equal(GateVerdict.Fail, loose.Verdict);
    }
}
