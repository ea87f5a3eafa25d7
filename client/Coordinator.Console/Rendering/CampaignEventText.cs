using Coordinator.Campaigns;

namespace Coordinator.Console.Rendering;

/// <summary>Campaign events as log lines: "12:00:01.250Z eu-west: flip done: flipped to Green at epoch 1".</summary>
public static class CampaignEventText
{
    public static IEnumerable<string> Lines(CampaignChange change) =>
        change.Events.Select(e => Line(change, e));

    public static string Line(CampaignChange change, CampaignEvent item) =>
        $"{Display.Clock(change.At)} {item.Region ?? $"campaign {change.CampaignId}"}: {item.Message}";

    /// <summary>
    /// Drops hold-gate events that repeat a region's last verdict: a log line per second of an
    /// unchanged verdict says nothing (the live view still shows every window's numbers).
    /// </summary>
    public sealed class Filter
    {
        private readonly Dictionary<string, GateVerdict> _holdVerdicts = new(StringComparer.Ordinal);

        public IEnumerable<string> Lines(CampaignChange change)
        {
            foreach (var item in change.Events)
            {
                if (item is { Kind: CampaignEventKind.GateJudged, Gate: { Kind: GateKind.Hold } gate, Region: { } region })
                {
                    if (_holdVerdicts.TryGetValue(region, out var last) && last == gate.Verdict)
                    {
                        continue;
                    }

                    _holdVerdicts[region] = gate.Verdict;
                }

                yield return Line(change, item);
            }
        }
    }
}
