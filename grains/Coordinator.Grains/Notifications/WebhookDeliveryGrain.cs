using Coordinator.Campaigns;
using Coordinator.Grains.Campaigns;
using Coordinator.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Coordinator.Grains.Notifications;

/// <summary>
/// Delivers one webhook from its service's outbox (the cutover grain's confirmed state). The
/// decisions are <see cref="WebhookDelivery"/>'s; this grain loads the webhook and a page of the
/// outbox, POSTs what it is told, and saves the cursor through the ETag check, so the cursor passes
/// an event only after a 2xx. It is woken after every save that adds notifications, by a timer while
/// it has work left (a backoff running), and by a reminder that lasts as long as the webhook: after a
/// crash at any point it resumes from the saved cursor, re-sending at most the event in flight.
/// </summary>
public sealed partial class WebhookDeliveryGrain(
    [PersistentState("webhook-delivery", StorageNames.Coordinator)] IPersistentState<WebhookDeliveryState> state,
    TimeProvider time,
    IWebhookSender sender,
    IOptions<WebhookDeliveryOptions> options,
    IOptions<CampaignWakeOptions> wake,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDeliveryGrain, IRemindable
{
    private const string WakeReminder = "webhook-wake";
    private const int PageSize = 32;

    /// <summary>Events sent in one run at most; a long backlog goes on at the next tick, so the grain answers in between.</summary>
    private const int MaxSendsPerRun = 32;

    private readonly ConfirmedState<WebhookDeliveryState> _state = new(state);
    private IGrainTimer? _timer;
    private bool _reminderKept;

    /// <summary>Nothing is due before this (the next attempt of a failed event); saves calls while a backoff runs.</summary>
    private DateTimeOffset? _notBefore;

    private (string Service, string Name) Key => WebhookKey.Parse(this.GetPrimaryKeyString());

    private string What => $"webhook {this.GetPrimaryKeyString()}";

    Task IWebhookDeliveryGrain.WakeAsync() => RunAsync();

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => RunAsync();

    async Task<WebhookDeliveryStatus> IWebhookDeliveryGrain.GetStatusAsync()
    {
        var (service, name) = Key;
        var target = await GrainFactory.GetGrain<IWebhookDirectoryGrain>(service).GetTargetAsync(name);
        var page = await GrainFactory.GetGrain<ICutoverGrain>(service).GetNotificationsAsync(WebhookDelivery.CursorFor(_state.Value, target), NotificationOutbox.Capacity);
        return WebhookDelivery.Status(_state.Value, target, page);
    }

    private Task TickAsync(CancellationToken cancellationToken) => RunAsync();

    /// <summary>Delivers what is due; keeps the timer only while there is work left.</summary>
    private async Task RunAsync()
    {
        if (_notBefore is { } notBefore && time.GetUtcNow() < notBefore)
        {
            return;
        }

        TimeSpan? again;
        try
        {
            again = await DeliverAsync();
        }
        catch (Exception ex)
        {
            // The directory, the outbox or storage did not answer: look again shortly.
            LogRunFailed(logger, ex, this.GetPrimaryKeyString());
            again = TimeSpan.FromSeconds(1);
        }

        _notBefore = again is { } wait && wait > TimeSpan.Zero ? time.GetUtcNow() + wait : null;
        if (again is null)
        {
            _timer?.Dispose();
            _timer = null;
        }
        else
        {
            _timer ??= this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(options.Value.PollPeriod, options.Value.PollPeriod) { Interleave = false, KeepAlive = true });
        }
    }

    /// <returns>How long until there is more to do; null when caught up (a wake or the reminder looks next).</returns>
    private async Task<TimeSpan?> DeliverAsync()
    {
        var (service, name) = Key;
        var target = await GrainFactory.GetGrain<IWebhookDirectoryGrain>(service).GetTargetAsync(name);
        if (target is null)
        {
            await ForgetReminderAsync();
            return null;
        }

        await KeepReminderAsync();
        var outbox = GrainFactory.GetGrain<ICutoverGrain>(service);
        for (int sends = 0, rounds = 0; sends < MaxSendsPerRun && rounds < 4 * MaxSendsPerRun; rounds++)
        {
            var page = await outbox.GetNotificationsAsync(WebhookDelivery.CursorFor(_state.Value, target), PageSize);
            var now = time.GetUtcNow();
            var step = WebhookDelivery.Next(_state.Value, target, page, now);
            if (step.Next is not null)
            {
                // Moved past entries without sending (started, evicted, not among its events): saved, then decided again.
                var dropped = _state.Value.WebhookId == target.Id ? _state.Value.Dropped : 0;
                await _state.DecideAndWriteAsync(
                    s => WebhookDelivery.Next(s, target, page, now).Next is { } moved
                        ? Decision<WebhookDeliveryState, bool>.Changed(moved, true)
                        : Decision<WebhookDeliveryState, bool>.Unchanged(false),
                    round => LogConflict(logger, this.GetPrimaryKeyString(), round),
                    What);
                if (_state.Value.Dropped > dropped)
                {
                    LogDropped(logger, this.GetPrimaryKeyString(), _state.Value.Dropped - dropped, NotificationOutbox.Capacity);
                }

                continue;
            }

            if (step.WaitUntil is { } until)
            {
                return until - now;
            }

            if (step.Send is not { } entry)
            {
                return step.More ? TimeSpan.Zero : null;
            }

            sends++;
            if (!await SendAsync(target, entry, step.Attempt))
            {
                return _state.Value.NextAttemptAt is { } next ? next - time.GetUtcNow() : TimeSpan.Zero;
            }
        }

        return TimeSpan.Zero;
    }

    /// <summary>POSTs one event and saves what came of it; true when the cursor is past it.</summary>
    private async Task<bool> SendAsync(WebhookTarget target, CampaignNotification entry, int attempt)
    {
        var body = WebhookPayload.Build(entry, target.Format);
        var headers = WebhookSignature.Headers(entry, target.Secret, attempt, body, time.GetUtcNow());
        var result = await sender.SendAsync(new Uri(target.Url, UriKind.Absolute), body, headers, CancellationToken.None);
        var at = time.GetUtcNow();
        var jitter = Random.Shared.NextDouble();
        await _state.DecideAndWriteAsync(
            s => WebhookDelivery.Recorded(s, entry, result, at, options.Value.Backoff, jitter),
            round => LogConflict(logger, this.GetPrimaryKeyString(), round),
            What);
        if (result.Succeeded)
        {
            LogDelivered(logger, this.GetPrimaryKeyString(), entry.EventId, attempt, result.ToString());
        }
        else
        {
            LogAttemptFailed(logger, this.GetPrimaryKeyString(), entry.EventId, attempt, result.ToString(), _state.Value.NextAttemptAt);
        }

        return _state.Value.Cursor >= entry.Sequence;
    }

    private async Task KeepReminderAsync()
    {
        if (!_reminderKept)
        {
            await this.RegisterOrUpdateReminder(WakeReminder, wake.Value.Period, wake.Value.Period);
            _reminderKept = true;
        }
    }

    private async Task ForgetReminderAsync()
    {
        _reminderKept = false;
        if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(EventId = 1611, Level = LogLevel.Information, Message = "Webhook {Webhook} delivered {EventId} (attempt {Attempt}, {Result})")]
    private static partial void LogDelivered(ILogger logger, string webhook, string eventId, int attempt, string result);

    [LoggerMessage(EventId = 1612, Level = LogLevel.Warning, Message = "Webhook {Webhook} failed to deliver {EventId} (attempt {Attempt}, {Result}); next attempt at {NextAttemptAt}")]
    private static partial void LogAttemptFailed(ILogger logger, string webhook, string eventId, int attempt, string result, DateTimeOffset? nextAttemptAt);

    [LoggerMessage(EventId = 1613, Level = LogLevel.Warning, Message = "Webhook {Webhook} could not look at its outbox; it looks again shortly")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string webhook);

    [LoggerMessage(EventId = 1615, Level = LogLevel.Error, Message = "Webhook {Webhook} lost {Count} events: the outbox keeps the newest {Capacity} and evicted them before they were delivered")]
    private static partial void LogDropped(ILogger logger, string webhook, long count, int capacity);

    [LoggerMessage(EventId = 1614, Level = LogLevel.Warning, Message = "ETag conflict on webhook {Webhook} (round {Round}); re-read, deciding again")]
    private static partial void LogConflict(ILogger logger, string webhook, int round);
}
