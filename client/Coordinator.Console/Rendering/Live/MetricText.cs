using Coordinator.Campaigns;

namespace Coordinator.Console.Rendering.Live;

/// <summary>
/// A gate's metrics as lines, worst verdict first (so a cut list keeps the failures):
/// "    latency_p95_ms   812 ms  target ≤ 900 ms, stop > 1200 ms  fail  why".
/// </summary>
public static class MetricText
{
    public static IReadOnlyList<ScreenLine> Lines(GateResult gate)
    {
        var metrics = gate.Metrics.OrderByDescending(m => m.Verdict).ToList();
        var values = metrics.Select(m => CampaignStatusView.Number(m.Value, m.Unit)).ToList();
        var thresholds = metrics.Select(Threshold).ToList();
        var name = metrics.Select(m => m.Metric.Length).DefaultIfEmpty(0).Max();
        var value = values.Select(v => v.Length).DefaultIfEmpty(0).Max();
        var threshold = thresholds.Select(t => t.Length).DefaultIfEmpty(0).Max();
        return
        [
            .. metrics.Select((m, i) =>
            {
                var text = $"      {m.Metric.PadRight(name)}  {values[i].PadLeft(value)}  {thresholds[i].PadRight(threshold)}  {CampaignStatusView.Verdict(m.Verdict)}";
                if (m.Verdict != GateVerdict.Pass)
                {
                    text += "  " + m.Reason;
                }

                return new ScreenLine(ScreenLineKind.Metric, text.TrimEnd(), Tone(m.Verdict));
            }),
        ];
    }

    /// <summary>"target ≤ 900 ms, stop > 1200 ms"; either half alone when the other does not apply.</summary>
    public static string Threshold(MetricResult metric)
    {
        var parts = new List<string>();
        if (metric.PassTarget is not null)
        {
            parts.Add("target " + CampaignStatusView.Bound(metric.PassTarget, metric.Unit, metric.Direction, stop: false));
        }

        if (metric.StopAt is not null)
        {
            parts.Add("stop " + CampaignStatusView.Bound(metric.StopAt, metric.Unit, metric.Direction, stop: true));
        }

        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }

    private static LineTone Tone(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => LineTone.Good,
        GateVerdict.Inconclusive => LineTone.Warn,
        _ => LineTone.Bad,
    };
}
