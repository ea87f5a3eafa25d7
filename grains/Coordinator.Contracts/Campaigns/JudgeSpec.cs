namespace Coordinator.Campaigns;

/// <summary>What decides a hold metric that has both a threshold and a rank test.</summary>
[GenerateSerializer]
[Alias("coordinator.JudgeMode")]
public enum JudgeMode
{
    /// <summary>The threshold against Blue's baseline alone (the behaviour before the judge existed).</summary>
    Threshold = 0,

    /// <summary>The Mann-Whitney rank test of Green's window against Blue's baseline alone.</summary>
    Judge = 1,

    /// <summary>Both; the worse verdict counts.</summary>
    Both = 2,
}

/// <summary>
/// The statistical judge of the hold: per metric, whether the threshold, a Mann-Whitney rank test of
/// Green against Blue's baseline, or both decide. The test fails a metric when Green is worse with
/// p below <see cref="Alpha"/>; it is inconclusive when either side has fewer than <see cref="MinPoints"/>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.JudgeSpec")]
public sealed record JudgeSpec
{
    /// <summary>Thresholds only: what a spec gets when it sets no judge.</summary>
    public static readonly JudgeSpec Default = new();

    /// <summary>End-to-end latency (the hold's <c>latency_p95_ms</c> metric).</summary>
    [Id(0)] public JudgeMode LatencyP95 { get; init; } = JudgeMode.Threshold;

    /// <summary>ΔS(question, retrieved) (the hold's <c>delta_s_p95</c> metric).</summary>
    [Id(1)] public JudgeMode DeltaSP95 { get; init; } = JudgeMode.Threshold;

    /// <summary>Two-sided significance level below which a worse Green fails the metric.</summary>
    [Id(2)] public double Alpha { get; init; } = 0.01;

    /// <summary>Points each side needs before the test is judged (Kayenta's default is 50).</summary>
    [Id(3)] public long MinPoints { get; init; } = 50;
}
