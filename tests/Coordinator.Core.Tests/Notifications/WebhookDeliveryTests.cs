using Coordinator.Campaigns;
using Coordinator.Core.Tests.Campaigns;
using Coordinator.Notifications;

namespace Coordinator.Core.Tests.Notifications;

public sealed class WebhookDeliveryTests
{
    private static readonly DateTimeOffset T0 = CampaignSamples.T0;
    private static readonly WebhookBackoff Backoff = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1));

    private static WebhookTarget Target(long id = 1, long from = 0, params NotificationKind[] events) => new()
    {
        Name = "ops",
        Id = id,
        Url = "https://hooks.example.com/x",
        Secret = "0123456789abcdef-secret",
        Events = events.Length == 0 ? NotificationKinds.All : [.. events],
        Format = WebhookFormat.Json,
        FromSequence = from,
        UpdatedBy = "alice",
        UpdatedAt = T0,
    };

    private static CampaignNotification Entry(long sequence, NotificationKind kind = NotificationKind.Started) => new()
    {
        Sequence = sequence,
        EventId = $"rag-api/cmp-1/{sequence}",
        Kind = kind,
        Service = "rag-api",
        CampaignId = "cmp-1",
        CampaignVersion = sequence,
        State = CampaignState.Running,
        Message = "m",
        At = T0,
    };

    private static NotificationPage Page(long firstKept, long last, params CampaignNotification[] entries) =>
        new() { Entries = entries, FirstKept = firstKept, LastSequence = last };

    private static readonly WebhookAttemptResult Ok = new(200, null);
    private static readonly WebhookAttemptResult ServerError = new(500, null);

    [Fact]
    public void A_new_webhook_starts_after_the_sequence_it_was_created_at()
    {
        var step = WebhookDelivery.Next(new WebhookDeliveryState(), Target(from: 2), Page(1, 3, Entry(3)), T0);

        Assert.Equal((1L, 2L), (step.Next!.WebhookId, step.Next.Cursor));
        Assert.Equal(3, step.Send!.Sequence);
        Assert.Equal(1, step.Attempt);
    }

    [Fact]
    public void A_webhook_set_again_with_a_new_id_forgets_the_old_cursor()
    {
        var old = new WebhookDeliveryState { WebhookId = 1, Cursor = 9, Delivered = 9 };

        var step = WebhookDelivery.Next(old, Target(id: 2, from: 12), Page(1, 12), T0);

        Assert.Equal((2L, 12L, 0L), (step.Next!.WebhookId, step.Next.Cursor, step.Next.Delivered));
        Assert.True(step.More);
    }

    [Fact]
    public void Entries_not_among_the_webhooks_events_are_passed_over_without_sending()
    {
        var state = new WebhookDeliveryState { WebhookId = 1 };

        var step = WebhookDelivery.Next(state, Target(events: NotificationKind.RolledBack), Page(1, 3, Entry(1), Entry(2, NotificationKind.WaveDone), Entry(3, NotificationKind.RolledBack)), T0);

        Assert.Equal(2, step.Next!.Cursor);
        Assert.Equal(3, step.Send!.Sequence);

        var none = WebhookDelivery.Next(state, Target(events: NotificationKind.RolledBack), Page(1, 2, Entry(1), Entry(2)), T0);
        Assert.Null(none.Send);
        Assert.Equal(2, none.Next!.Cursor);
        Assert.False(none.More);
    }

    [Fact]
    public void A_failure_keeps_the_cursor_waits_out_the_backoff_then_retries_with_the_next_attempt_number()
    {
        var state = new WebhookDeliveryState { WebhookId = 1 };
        var page = Page(1, 1, Entry(1));

        var failed = WebhookDelivery.Recorded(state, Entry(1), ServerError, T0, Backoff, jitter: 0.5).Next!;
        Assert.Equal((0L, 1L, 1), (failed.Cursor, failed.FailingSequence, failed.FailedAttempts));
        Assert.Equal(T0 + Backoff.Delay(1, 0.5), failed.NextAttemptAt);
        Assert.Equal("HTTP 500", failed.LastResult);

        var early = WebhookDelivery.Next(failed, Target(), page, T0.AddMilliseconds(500));
        Assert.Null(early.Send);
        Assert.Equal(failed.NextAttemptAt, early.WaitUntil);

        var due = WebhookDelivery.Next(failed, Target(), page, failed.NextAttemptAt!.Value);
        Assert.Equal((1L, 2), (due.Send!.Sequence, due.Attempt));

        var again = WebhookDelivery.Recorded(failed, Entry(1), new WebhookAttemptResult(null, "timeout"), T0.AddSeconds(2), Backoff, 0.5).Next!;
        Assert.Equal(2, again.FailedAttempts);
        Assert.Equal(T0.AddSeconds(2) + Backoff.Delay(2, 0.5), again.NextAttemptAt);
        Assert.Equal("timeout", again.LastResult);
    }

    [Fact]
    public void A_2xx_moves_the_cursor_past_the_entry_and_clears_the_failures()
    {
        var failing = new WebhookDeliveryState { WebhookId = 1, FailingSequence = 1, FailedAttempts = 3, NextAttemptAt = T0 };

        var done = WebhookDelivery.Recorded(failing, Entry(1), new WebhookAttemptResult(204, null), T0, Backoff, 0.1);

        Assert.True(done.Result);
        var state = done.Next!;
        Assert.Equal((1L, (long?)null, 0, (DateTimeOffset?)null), (state.Cursor, state.FailingSequence, state.FailedAttempts, state.NextAttemptAt));
        Assert.Equal((1L, "rag-api/cmp-1/1"), (state.Delivered, state.LastDeliveredEventId));
    }

    [Fact]
    public void A_result_for_an_entry_already_past_the_cursor_changes_nothing()
    {
        var ahead = new WebhookDeliveryState { WebhookId = 1, Cursor = 5, Delivered = 5 };

        Assert.Null(WebhookDelivery.Recorded(ahead, Entry(4), Ok, T0, Backoff, 0.5).Next);
        Assert.Null(WebhookDelivery.Recorded(ahead, Entry(5), ServerError, T0, Backoff, 0.5).Next);
    }

    [Fact]
    public void Entries_evicted_before_the_webhook_reached_them_are_counted_as_dropped()
    {
        var behind = new WebhookDeliveryState { WebhookId = 1, Cursor = 3, FailingSequence = 4, FailedAttempts = 7, NextAttemptAt = T0.AddMinutes(5) };

        var step = WebhookDelivery.Next(behind, Target(), Page(10, 11, Entry(10), Entry(11)), T0);

        Assert.Equal((9L, 6L, (long?)null), (step.Next!.Cursor, step.Next.Dropped, step.Next.FailingSequence));
        Assert.Equal((10L, 1), (step.Send!.Sequence, step.Attempt));
    }

    [Fact]
    public void A_full_page_without_a_match_asks_to_read_on()
    {
        var step = WebhookDelivery.Next(new WebhookDeliveryState { WebhookId = 1 }, Target(events: NotificationKind.Completed), Page(1, 50, Entry(1), Entry(2)), T0);

        Assert.True(step.More);
        Assert.Equal(2, step.Next!.Cursor);
    }

    [Fact]
    public void Status_counts_pending_entries_of_the_webhooks_events_and_evictions_not_yet_seen()
    {
        var state = new WebhookDeliveryState { WebhookId = 1, Cursor = 2, Delivered = 2, Dropped = 1 };
        var page = Page(4, 6, Entry(4), Entry(5, NotificationKind.WaveDone), Entry(6, NotificationKind.Completed));

        var status = WebhookDelivery.Status(state, Target(events: [NotificationKind.Started, NotificationKind.Completed]), page);

        Assert.Equal((2L, 2, 2L, 2L), (status.DeliveredThrough, status.Pending, status.Delivered, status.Dropped));
    }
}
