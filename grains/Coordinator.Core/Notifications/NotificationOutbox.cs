using Coordinator.Campaigns;

namespace Coordinator.Notifications;

/// <summary>
/// A service's notification outbox, kept in its <see cref="CutoverState"/>: every save of the state
/// goes through <see cref="Record"/>, so the notifications a change makes are written with the change
/// (one ETag-checked write), and webhooks deliver from what storage confirmed. Bounded: past
/// <see cref="Capacity"/> the oldest entries are evicted, even if a webhook has not delivered them
/// (each webhook counts what it lost as dropped); the campaign never waits for a receiver.
/// </summary>
public static class NotificationOutbox
{
    /// <summary>Entries kept; a campaign makes a handful (start, each wave, its end), so this is several campaigns' worth.</summary>
    public const int Capacity = 64;

    /// <summary>Longest message kept, in characters; longer ones are cut with an ellipsis.</summary>
    public const int MaxMessageLength = 1000;

    /// <summary>
    /// <paramref name="next"/>, as decided on <paramref name="before"/>, with the outbox carried over
    /// from <paramref name="before"/> (decisions never touch it) and the notifications of the change appended.
    /// </summary>
    public static CutoverState Record(CutoverState before, CutoverState next, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(next);
        var carried = next with { Notifications = before.Notifications, NotificationSequence = before.NotificationSequence };
        if (next.Current is not { } after || ReferenceEquals(before.Current, after))
        {
            return carried;
        }

        var drafts = NotificationRules.From(before.Current, after, at);
        if (drafts.Count == 0)
        {
            return carried;
        }

        var sequence = before.NotificationSequence;
        var entries = before.Notifications.ToBuilder();
        foreach (var draft in drafts)
        {
            sequence++;
            entries.Add(new CampaignNotification
            {
                Sequence = sequence,
                EventId = $"{after.Service}/{after.CampaignId}/{sequence}",
                Kind = draft.Kind,
                Service = after.Service,
                CampaignId = after.CampaignId,
                CampaignVersion = after.Version,
                State = after.State,
                Region = draft.Region,
                Wave = draft.Wave,
                Message = draft.Message.Length <= MaxMessageLength ? draft.Message : draft.Message[..(MaxMessageLength - 1)] + "…",
                At = at,
            });
        }

        if (entries.Count > Capacity)
        {
            entries.RemoveRange(0, entries.Count - Capacity);
        }

        return carried with { Notifications = entries.ToImmutable(), NotificationSequence = sequence };
    }

    /// <summary>At most <paramref name="max"/> entries after <paramref name="afterSequence"/>, with the bounds of what is kept.</summary>
    public static NotificationPage Page(CutoverState state, long afterSequence, int max)
    {
        ArgumentNullException.ThrowIfNull(state);
        var kept = state.Notifications;
        return new NotificationPage
        {
            Entries = [.. kept.Where(n => n.Sequence > afterSequence).Take(Math.Clamp(max, 0, Capacity))],
            FirstKept = kept.Count > 0 ? kept[0].Sequence : state.NotificationSequence + 1,
            LastSequence = state.NotificationSequence,
        };
    }
}
