using Coordinator.Campaigns;

namespace Coordinator.Console.Rendering.Live;

/// <summary>
/// What the live campaign view puts on a screen of a given size. Always: the campaign's line (and its
/// reason), the waves with their regions one line each, and the latest events; the gate metrics of
/// regions holding or failing, one line per metric, in the rows left (<see cref="BodyFit"/> says what
/// gives way first on a small screen); then older events. Nothing wraps: every line is cut to the
/// width. Pure, so every size can be tested without a terminal.
/// </summary>
public static class CampaignScreenPlanner
{
    /// <summary>The bottom row stays free for the cursor, so drawing a full plan never scrolls the terminal.</summary>
    public const int CursorRows = 1;

    /// <summary>The most events kept on screen before metrics get any room.</summary>
    public const int MaxReservedEvents = 8;

    /// <param name="events">Event lines, oldest first; the latest ones are shown.</param>
    public static ScreenPlan Plan(CampaignStatus status, IReadOnlyList<string> events, ScreenSize size)
    {
        var width = Math.Max(1, size.Width);
        var rows = Math.Max(1, size.Height - CursorRows);
        var head = new List<ScreenLine> { LiveText.Headline(status) };
        if (LiveText.Reason(status) is { } reason)
        {
            head.Add(reason);
        }

        // A sixth of the screen for events (at least one line), under their heading.
        var reservedEvents = Math.Min(Math.Max(events.Count, 1), Math.Clamp(rows / 6, 1, MaxReservedEvents));
        var metrics = status.Regions
            .Select(r => (r.Region, Gate: GateFocus.Of(r)))
            .Where(f => f.Gate is not null)
            .ToDictionary(f => f.Region, f => MetricText.Lines(f.Gate!), StringComparer.Ordinal);
        var body = BodyFit.Fit(status, metrics.ToDictionary(m => m.Key, m => m.Value.Count, StringComparer.Ordinal), rows - head.Count - 1 - reservedEvents);
        var spare = Math.Max(0, rows - head.Count - body.LineCount - 1 - reservedEvents);
        var shownEvents = Math.Min(events.Count, reservedEvents + spare);

        var regionText = new RegionText(status.Regions, width);
        var lines = new List<ScreenLine>(head);
        foreach (var block in body.Blocks)
        {
            lines.Add(LiveText.Wave(block.Index, body.WaveCount, block.Regions, namesHidden: block.Shown.Count == 0));
            foreach (var region in block.Shown)
            {
                lines.Add(regionText.Line(region));
                if (metrics.TryGetValue(region.Region, out var metricLines))
                {
                    lines.AddRange(Cut(metricLines, body.MetricRows[region.Region]));
                }
            }

            if (block.Cut)
            {
                lines.Add(LiveText.MoreRegions(block.Hidden));
            }
        }

        if (body.HiddenWaves > 0)
        {
            lines.Add(LiveText.MoreWaves(body.HiddenWaves));
        }

        lines.Add(LiveText.EventsHeading(width));
        lines.AddRange(events.Count == 0 ? [LiveText.NoEvents()] : events.Skip(events.Count - shownEvents).Select(LiveText.Event));

        // Only a screen too small for even the minimum loses lines here, from the bottom.
        return new ScreenPlan(size, [.. lines.Take(rows).Select(l => l with { Text = Display.Shorten(OneLine(l.Text), width) })]);
    }

    /// <summary>The metrics that fit in <paramref name="rows"/>, the last row saying how many did not.</summary>
    private static IEnumerable<ScreenLine> Cut(IReadOnlyList<ScreenLine> metrics, int rows) =>
        rows >= metrics.Count || rows == 0
            ? metrics.Take(rows)
            : [.. metrics.Take(rows - 1), LiveText.MoreMetrics(metrics.Count - rows + 1)];

    /// <summary>A line break or tab inside a reason or event would wrap the screen; they become spaces.</summary>
    private static string OneLine(string text) =>
        text.Any(char.IsControl) ? new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]) : text;
}
