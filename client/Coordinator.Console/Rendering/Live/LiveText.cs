using Coordinator.Campaigns;

namespace Coordinator.Console.Rendering.Live;

/// <summary>The live view's lines as text (uncut; the planner cuts them to the screen's width).</summary>
public static class LiveText
{
    public static ScreenLine Headline(CampaignStatus status)
    {
        var text = $"{status.Service}: campaign {status.CampaignId} is {CampaignStatusView.StateText(status.State)}, "
            + $"wave {Math.Min(status.CurrentWave + 1, status.WaveCount)}/{status.WaveCount}"
            + (status.RollbackDuration is { } rollback ? $", rollback took {Display.Number((long)rollback.TotalMilliseconds)} ms" : string.Empty)
            + $"; started {Display.Time(status.StartedAt)} by {status.StartedBy}";
        var tone = status.State switch
        {
            CampaignState.Completed => LineTone.Good,
            CampaignState.RolledBack or CampaignState.RollingBack or CampaignState.RollbackBlocked => LineTone.Bad,
            CampaignState.WaitingForApproval or CampaignState.Paused => LineTone.Warn,
            _ => LineTone.Plain,
        };
        return new ScreenLine(ScreenLineKind.Headline, text, tone);
    }

    public static ScreenLine? Reason(CampaignStatus status) =>
        status.Reason is { } reason ? new ScreenLine(ScreenLineKind.Reason, $"  reason: {reason}", LineTone.Warn) : null;

    /// <summary>"wave 2/3: 1 in-progress, 1 pending"; with the regions' names when none of its region lines is shown.</summary>
    public static ScreenLine Wave(int index, int waveCount, IReadOnlyList<RegionProgress> regions, bool namesHidden)
    {
        var counts = regions.GroupBy(r => r.Outcome).OrderBy(g => OutcomeOrder(g.Key))
            .Select(g => $"{g.Count()} {CampaignStatusView.OutcomeText(g.Key)}");
        var text = $"wave {index + 1}/{waveCount}: {string.Join(", ", counts)}"
            + (namesHidden && regions.Count > 0 ? $" ({string.Join(", ", regions.Select(r => r.Region))})" : string.Empty);
        var tone = regions.Count > 0 && regions.All(r => r.Outcome == RegionOutcome.Done) ? LineTone.Good
            : regions.All(r => r.Outcome == RegionOutcome.Pending) ? LineTone.Muted
            : LineTone.Plain;
        return new ScreenLine(ScreenLineKind.Wave, text, tone);
    }

    /// <summary>"  … 7 more regions (3 done, 4 pending)".</summary>
    public static ScreenLine MoreRegions(IReadOnlyList<RegionProgress> hidden) =>
        new(ScreenLineKind.More,
            $"  … {hidden.Count} more region{(hidden.Count == 1 ? "" : "s")} ("
            + string.Join(", ", hidden.GroupBy(r => r.Outcome).OrderBy(g => OutcomeOrder(g.Key)).Select(g => $"{g.Count()} {CampaignStatusView.OutcomeText(g.Key)}")) + ")",
            LineTone.Muted);

    public static ScreenLine MoreWaves(int hidden) =>
        new(ScreenLineKind.More, $"… {hidden} more wave{(hidden == 1 ? "" : "s")}", LineTone.Muted);

    public static ScreenLine MoreMetrics(int hidden) =>
        new(ScreenLineKind.More, $"      … {hidden} more metric{(hidden == 1 ? "" : "s")}", LineTone.Muted);

    public static ScreenLine EventsHeading(int width) =>
        new(ScreenLineKind.EventsHeading, "── latest events " + new string('─', Math.Max(0, width - 17)), LineTone.Muted);

    public static ScreenLine Event(string line) => new(ScreenLineKind.Event, line);

    public static ScreenLine NoEvents() => new(ScreenLineKind.Event, "(no events yet)", LineTone.Muted);

    private static int OutcomeOrder(RegionOutcome outcome) => outcome switch
    {
        RegionOutcome.InProgress => 0,
        RegionOutcome.Done => 1,
        RegionOutcome.RolledBack => 2,
        _ => 3,
    };
}
