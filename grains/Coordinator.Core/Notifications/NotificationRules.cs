using Coordinator.Campaigns;

namespace Coordinator.Notifications;

/// <summary>A notification before it has a place in the outbox.</summary>
public sealed record NotificationDraft(NotificationKind Kind, string? Region, int? Wave, string Message);

/// <summary>
/// Which notifications a saved change of a campaign makes. Derived from the two statuses, as
/// <see cref="CampaignEvents"/> is, so a notification exists exactly when its change was saved.
/// </summary>
public static class NotificationRules
{
    public static IReadOnlyList<NotificationDraft> From(CampaignStatus? before, CampaignStatus after, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before?.CampaignId != after.CampaignId)
        {
            before = null;
        }

        var events = CampaignEvents.Between(before, after, at).Events;
        var drafts = new List<NotificationDraft>();
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case CampaignEventKind.Started:
                    drafts.Add(new(NotificationKind.Started, null, null, e.Message));
                    break;
                case CampaignEventKind.GateJudged when e.Gate?.Verdict == GateVerdict.Fail:
                    drafts.Add(new(NotificationKind.GateFailed, e.Region, WaveOf(after, e.Region), e.Message));
                    break;
            }
        }

        for (var wave = 0; wave < after.WaveCount; wave++)
        {
            if (WaveDone(after, wave) && (before is null || !WaveDone(before, wave)))
            {
                var regions = after.Regions.Where(r => r.WaveIndex == wave).Select(r => r.Region);
                drafts.Add(new(NotificationKind.WaveDone, null, wave + 1, $"wave {wave + 1} of {after.WaveCount} done: {string.Join(", ", regions)} on Green"));
            }
        }

        foreach (var e in events)
        {
            NotificationKind? kind = e.Kind switch
            {
                CampaignEventKind.WaitingForApproval => NotificationKind.WaitingForOperator,
                CampaignEventKind.RollbackBlocked => NotificationKind.RollbackBlocked,
                CampaignEventKind.Completed => NotificationKind.Completed,
                CampaignEventKind.RolledBack => NotificationKind.RolledBack,
                _ => null,
            };
            if (kind is { } k)
            {
                drafts.Add(new(k, null, null, e.Message));
            }
        }

        return drafts;
    }

    private static bool WaveDone(CampaignStatus status, int wave)
    {
        var regions = status.Regions.Where(r => r.WaveIndex == wave).ToList();
        return regions.Count > 0 && regions.All(r => r.Outcome == RegionOutcome.Done);
    }

    private static int? WaveOf(CampaignStatus status, string? region) =>
        status.Regions.Find(r => r.Region == region) is { } progress ? progress.WaveIndex + 1 : null;
}
