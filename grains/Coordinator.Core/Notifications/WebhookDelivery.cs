namespace Coordinator.Notifications;

/// <summary>What a webhook's delivery grain does next: send one entry, wait for its backoff, or nothing.</summary>
public sealed record WebhookStep
{
    /// <summary>The cursor moved without sending (a new webhook, evicted entries, entries not among its events): save this first.</summary>
    public WebhookDeliveryState? Next { get; init; }

    /// <summary>The entry to POST now.</summary>
    public CampaignNotification? Send { get; init; }

    /// <summary>The attempt number of <see cref="Send"/>, 1 for its first.</summary>
    public int Attempt { get; init; }

    /// <summary>The next entry failed and may be tried again at this time.</summary>
    public DateTimeOffset? WaitUntil { get; init; }

    /// <summary>The outbox has entries past the page this was decided on: read on.</summary>
    public bool More { get; init; }
}

/// <summary>
/// A webhook's delivery, decided over its persisted cursor and a page of the outbox: in order, one
/// entry at a time, the cursor moving past an entry only after a 2xx (or when the entry is not among
/// the webhook's events, or was evicted before it was reached).
/// </summary>
public static class WebhookDelivery
{
    public static WebhookStep Next(WebhookDeliveryState state, WebhookTarget target, NotificationPage page, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(page);
        var s = state;
        var reset = false;
        if (s.WebhookId != target.Id)
        {
            // A new webhook (or one removed and set again): it starts after what the outbox held when it was set.
            s = new WebhookDeliveryState { WebhookId = target.Id, Cursor = target.FromSequence };
            reset = true;
        }

        if (page.FirstKept > s.Cursor + 1)
        {
            s = Past(s with { Dropped = s.Dropped + (page.FirstKept - 1 - s.Cursor) }, page.FirstKept - 1);
        }

        foreach (var entry in page.Entries.Where(e => e.Sequence > s.Cursor).OrderBy(e => e.Sequence))
        {
            if (!target.Events.Contains(entry.Kind))
            {
                s = Past(s, entry.Sequence);
                continue;
            }

            var next = ReferenceEquals(s, state) ? null : s;
            if (s.FailingSequence == entry.Sequence && s.NextAttemptAt > now)
            {
                return new WebhookStep { Next = next, WaitUntil = s.NextAttemptAt };
            }

            var attempt = s.FailingSequence == entry.Sequence ? s.FailedAttempts + 1 : 1;
            return new WebhookStep { Next = next, Send = entry, Attempt = attempt };
        }

        var more = reset || (page.Entries.Count > 0 && page.Entries[^1].Sequence < page.LastSequence);
        return new WebhookStep { Next = ReferenceEquals(s, state) ? null : s, More = more };
    }

    /// <summary>
    /// The cursor after <paramref name="sent"/> was POSTed with <paramref name="result"/>: past it on a
    /// 2xx; otherwise on it, with the failure counted and the next attempt after the backoff. Unchanged
    /// if the cursor is already past it (another activation delivered it meanwhile).
    /// </summary>
    /// <param name="jitter">A random number in [0, 1) for the backoff.</param>
    public static Decision<WebhookDeliveryState, bool> Recorded(
        WebhookDeliveryState state, CampaignNotification sent, WebhookAttemptResult result, DateTimeOffset now, WebhookBackoff backoff, double jitter)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(backoff);
        if (sent.Sequence <= state.Cursor)
        {
            return Decision<WebhookDeliveryState, bool>.Unchanged(result.Succeeded);
        }

        if (result.Succeeded)
        {
            return Decision<WebhookDeliveryState, bool>.Changed(
                Past(state, sent.Sequence) with { LastAttemptAt = now, LastResult = result.ToString(), LastDeliveredEventId = sent.EventId, Delivered = state.Delivered + 1 },
                true);
        }

        var failures = state.FailingSequence == sent.Sequence ? state.FailedAttempts + 1 : 1;
        return Decision<WebhookDeliveryState, bool>.Changed(
            state with
            {
                FailingSequence = sent.Sequence,
                FailedAttempts = failures,
                NextAttemptAt = now + backoff.Delay(failures, jitter),
                LastAttemptAt = now,
                LastResult = result.ToString(),
            },
            false);
    }

    /// <summary>Where delivery stands, for operators: <paramref name="page"/> is the outbox after the cursor.</summary>
    public static WebhookDeliveryStatus Status(WebhookDeliveryState state, WebhookTarget? target, NotificationPage page)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(page);
        var current = target is not null && state.WebhookId == target.Id;
        var cursor = CursorFor(state, target);
        var pending = target is null ? 0 : page.Entries.Count(e => e.Sequence > cursor && target.Events.Contains(e.Kind));
        return new WebhookDeliveryStatus
        {
            DeliveredThrough = cursor,
            Pending = pending,
            FailedAttempts = current && state.FailingSequence is not null ? state.FailedAttempts : 0,
            NextAttemptAt = current ? state.NextAttemptAt : null,
            LastAttemptAt = current ? state.LastAttemptAt : null,
            LastResult = current ? state.LastResult : null,
            LastDeliveredEventId = current ? state.LastDeliveredEventId : null,
            Delivered = current ? state.Delivered : 0,
            Dropped = current ? state.Dropped + Math.Max(0, page.FirstKept - 1 - cursor) : 0,
        };
    }

    /// <summary>Where the outbox is to be read from: the cursor, or for a webhook not yet started (or set again), where it starts.</summary>
    public static long CursorFor(WebhookDeliveryState state, WebhookTarget? target)
    {
        ArgumentNullException.ThrowIfNull(state);
        return target is null || state.WebhookId == target.Id ? state.Cursor : target.FromSequence;
    }

    private static WebhookDeliveryState Past(WebhookDeliveryState state, long sequence) =>
        state.FailingSequence is { } failing && failing <= sequence
            ? state with { Cursor = sequence, FailingSequence = null, FailedAttempts = 0, NextAttemptAt = null }
            : state with { Cursor = sequence };
}
