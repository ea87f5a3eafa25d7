using System.Collections.Immutable;
using System.Globalization;
using Coordinator.Campaigns;

namespace Coordinator.ConsoleTests.Rendering.Live;

/// <summary>Campaign statuses for the live view's tests: regions at every stage, with full hold gates.</summary>
public static class LiveCampaigns
{
    public static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The hold gate's metric names, as the real gate judges them.</summary>
    public static readonly ImmutableList<string> HoldMetrics =
    [
        "requests", "quality_samples", "error_rate", "http_5xx_rate", "latency_p95_ms",
        "delta_s_p95", "delta_s_p95_drift", "coverage_mean", "lambda_flip_rate", "tool_loop_signals",
    ];

    public static CampaignStatus Campaign(int currentWave, params ImmutableList<RegionProgress>[] waves) => new()
    {
        CampaignId = "rag-api-demo",
        Service = "rag-api",
        State = CampaignState.Running,
        CurrentWave = currentWave,
        WaveCount = waves.Length,
        Regions = [.. waves.SelectMany(w => w)],
        StartedAt = At,
        StartedBy = "demo",
        SpecFingerprint = "sha256:test",
    };

    /// <summary>The demo's shape: canary done, second holding, third pending (two regions).</summary>
    public static CampaignStatus DemoShape() => Campaign(
        1,
        [Done("eu-west", 0, latencyMs: 111.1)],
        [Holding("us-east", 1, latencyMs: 222.2)],
        [Pending("us-west", 2), Pending("ap-south", 2)]);

    public static RegionProgress Pending(string region, int wave) =>
        new() { Region = region, WaveIndex = wave, Fences = new RegionFences() };

    public static RegionProgress Done(string region, int wave, double latencyMs = 150) => Pending(region, wave) with
    {
        Outcome = RegionOutcome.Done,
        FlippedEpoch = 1,
        ExpectedEpoch = 0,
        Warm = Gate(GateKind.Warm, GateVerdict.Pass, latencyMs),
        Hold = [Gate(GateKind.Hold, GateVerdict.Pass, latencyMs)],
    };

    public static RegionProgress Holding(string region, int wave, double latencyMs = 150, GateVerdict verdict = GateVerdict.Inconclusive) => Pending(region, wave) with
    {
        Outcome = RegionOutcome.InProgress,
        Step = ChecklistStep.HoldAndWatch,
        FlippedEpoch = 1,
        ExpectedEpoch = 0,
        Warm = Gate(GateKind.Warm, GateVerdict.Pass, latencyMs),
        Hold = [Gate(GateKind.Hold, verdict, latencyMs)],
    };

    public static RegionProgress InProgress(string region, int wave, ChecklistStep step) => Pending(region, wave) with
    {
        Outcome = RegionOutcome.InProgress,
        Step = step,
        ExpectedEpoch = 0,
    };

    /// <summary>A rolled-back region whose hold failed on latency.</summary>
    public static RegionProgress FailedAndRolledBack(string region, int wave, double latencyMs = 999.9) => Pending(region, wave) with
    {
        Outcome = RegionOutcome.RolledBack,
        FlippedEpoch = 1,
        ExpectedEpoch = 0,
        Note = "rolled back to Blue",
        Warm = Gate(GateKind.Warm, GateVerdict.Pass, 150),
        Hold = [Gate(GateKind.Hold, GateVerdict.Fail, latencyMs)],
    };

    /// <summary>A gate with every hold metric; with a Fail or Inconclusive verdict, latency_p95_ms carries it.</summary>
    public static GateResult Gate(GateKind kind, GateVerdict verdict, double latencyMs) => new()
    {
        Kind = kind,
        Verdict = verdict,
        AsOf = At,
        Reason = verdict == GateVerdict.Pass ? "all passed" : "latency_p95_ms off target",
        Metrics =
        [
            .. HoldMetrics.Select(name => name == "latency_p95_ms"
                ? new MetricResult
                {
                    Metric = name,
                    Value = latencyMs,
                    PassTarget = 300,
                    StopAt = 450,
                    Direction = MetricDirection.LowerIsBetter,
                    Unit = MetricUnit.Milliseconds,
                    Verdict = verdict,
                    Reason = string.Create(CultureInfo.InvariantCulture, $"{latencyMs} ms against 300 ms"),
                }
                : new MetricResult
                {
                    Metric = name,
                    Value = 0.01,
                    PassTarget = 0.05,
                    StopAt = 0.1,
                    Direction = MetricDirection.LowerIsBetter,
                    Unit = MetricUnit.Ratio,
                    Verdict = GateVerdict.Pass,
                    Reason = "ok",
                }),
        ],
    };

    /// <summary>"12:00:00.007Z us-east: event 7", oldest first.</summary>
    public static IReadOnlyList<string> Events(int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"12:00:00.{i:000}Z us-east: event {i}")];
}
