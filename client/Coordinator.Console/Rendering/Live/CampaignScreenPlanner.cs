using Coordinator.Campaigns;

namespace Coordinator.Console.Rendering.Live;

/// <summary>
/// What the live campaign view puts on a screen of a given size. Always: the campaign's line (and its
/// reason), the waves with their regions one line each, and the latest events. Then, in the rows left,
/// the gate metrics of regions holding or failing, one line per metric; then older events. Nothing
/// wraps: every line is cut to the width. Pure, so every size can be tested without a terminal.
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
        var waves = WaveFit.Fit(status, rows - head.Count - 1 - reservedEvents);
        var spare = Math.Max(0, rows - head.Count - waves.LineCount - 1 - reservedEvents);

        var focused = waves.Blocks
            .SelectMany(b => b.Shown)
            .Select(r => (Region: r.Region, Metrics: GateFocus.Of(r) is { } gate ? MetricText.Lines(gate) : []))
            .Where(f => f.Metrics.Count > 0)
            .ToList();
        var quotas = Share([.. focused.Select(f => f.Metrics.Count)], spare);
        spare -= quotas.Sum();
        var shownEvents = Math.Min(events.Count, reservedEvents + spare);

        var regionText = new RegionText(status.Regions);
        var lines = new List<ScreenLine>(head);
        foreach (var block in waves.Blocks)
        {
            lines.Add(LiveText.Wave(block.Index, waves.WaveCount, block.Regions, namesHidden: block.Shown.Count == 0));
            foreach (var region in block.Shown)
            {
                lines.Add(regionText.Line(region));
                var i = focused.FindIndex(f => f.Region == region.Region);
                if (i >= 0)
                {
                    lines.AddRange(Cut(focused[i].Metrics, quotas[i]));
                }
            }

            if (block.Cut)
            {
                lines.Add(LiveText.MoreRegions(block.Hidden));
            }
        }

        if (waves.HiddenWaves > 0)
        {
            lines.Add(LiveText.MoreWaves(waves.HiddenWaves));
        }

        lines.Add(LiveText.EventsHeading(width));
        lines.AddRange(events.Count == 0 ? [LiveText.NoEvents()] : events.Skip(events.Count - shownEvents).Select(LiveText.Event));

        // Only a screen too small for even the minimum loses lines here, from the bottom.
        return new ScreenPlan(size, [.. lines.Take(rows).Select(l => l with { Text = Display.Shorten(OneLine(l.Text), width) })]);
    }

    /// <summary>Rows for each list, dealt one at a time in turn so no region's metrics crowd out another's.</summary>
    public static int[] Share(IReadOnlyList<int> wanted, int rows)
    {
        var quotas = new int[wanted.Count];
        var left = rows;
        var dealt = true;
        while (left > 0 && dealt)
        {
            dealt = false;
            for (var i = 0; i < wanted.Count && left > 0; i++)
            {
                if (quotas[i] < wanted[i])
                {
                    quotas[i]++;
                    left--;
                    dealt = true;
                }
            }
        }

        return quotas;
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
