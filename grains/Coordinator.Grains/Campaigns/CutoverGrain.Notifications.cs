using Coordinator.Campaigns;
using Coordinator.Notifications;
using Microsoft.Extensions.Logging;

namespace Coordinator.Grains.Campaigns;

/// <summary>
/// The campaign's side of webhooks: every save carries the notifications of its change in the same
/// write (<see cref="NotificationOutbox"/>), and once a save added some, the service's webhooks are woken.
/// </summary>
public sealed partial class CutoverGrain
{
    Task<NotificationPage> ICutoverGrain.GetNotificationsAsync(long afterSequence, int max) =>
        Task.FromResult(NotificationOutbox.Page(_state.Value, afterSequence, max));

    /// <summary>The decision with the notifications of its change appended to the outbox, for the same write.</summary>
    private Decision<CutoverState, TResult> WithNotifications<TResult>(CutoverState before, Decision<CutoverState, TResult> decision) =>
        decision.Next is { } next
            ? Decision<CutoverState, TResult>.Changed(NotificationOutbox.Record(before, next, time.GetUtcNow()), decision.Result)
            : decision;

    /// <summary>
    /// Best effort: a wake lost here (a crash right after the save) is made up by each webhook's
    /// reminder, and by this grain's next activation.
    /// </summary>
    private async Task WakeWebhooksAsync()
    {
        try
        {
            foreach (var webhook in await GrainFactory.GetGrain<IWebhookDirectoryGrain>(Service).ListAsync())
            {
                await GrainFactory.GetGrain<IWebhookDeliveryGrain>(WebhookKey.Format(Service, webhook.Name)).WakeAsync();
            }
        }
        catch (Exception ex)
        {
            LogWakeFailed(logger, ex, Service);
        }
    }

    [LoggerMessage(EventId = 1410, Level = LogLevel.Warning, Message = "Waking the webhooks of {Service} failed; their reminders find the new notifications")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string service);
}
