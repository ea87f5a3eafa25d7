namespace Coordinator.Campaigns;

/// <summary>
/// A hold metric that the spec's <c>judge</c> section may hand to the rank test: its threshold row
/// (<see cref="JudgedMetric{TEvidence}"/>) alone, the rank test alone, or both with the worse verdict.
/// The rank test's figures go into the reason, so <c>campaign status</c> shows them.
/// </summary>
internal sealed class RankJudgedMetric(
    JudgedMetric<HoldEvidence> threshold,
    MetricDirection direction,
    Func<JudgeSpec, JudgeMode> mode,
    Func<TelemetryWindow, HistogramCounts?> samples) : GateMetric<HoldEvidence>
{
    public override MetricResult Evaluate(HoldEvidence evidence)
    {
        var byThreshold = threshold.Evaluate(evidence);
        var chosen = mode(evidence.Judge);
        if (chosen == JudgeMode.Threshold)
        {
            return byThreshold;
        }

        var (verdict, reason) = RankJudge.Judge(
            samples(evidence.Candidate), samples(evidence.Baseline), direction, evidence.Judge.Alpha, evidence.Judge.MinPoints, evidence.Green, evidence.Blue);
        return chosen == JudgeMode.Judge
            ? byThreshold with { PassTarget = null, Verdict = verdict, Reason = "rank test: " + reason }
            : byThreshold with
            {
                Verdict = (GateVerdict)Math.Max((int)verdict, (int)byThreshold.Verdict),
                Reason = $"threshold: {byThreshold.Reason}; rank test: {reason}",
            };
    }
}
