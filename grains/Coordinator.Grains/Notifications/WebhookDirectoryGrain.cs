using Coordinator.Campaigns;
using Coordinator.Notifications;
using Microsoft.Extensions.Logging;

namespace Coordinator.Grains.Notifications;

/// <summary>
/// A service's webhooks, secrets included. Set and remove are decided by <see cref="WebhookDirectoryRules"/>
/// on the confirmed state and saved through the ETag check; each wakes the webhook's delivery grain,
/// which then keeps a reminder for as long as the webhook exists.
/// </summary>
public sealed partial class WebhookDirectoryGrain(
    [PersistentState("webhooks", StorageNames.Coordinator)] IPersistentState<WebhookDirectoryState> state,
    TimeProvider time,
    ILogger<WebhookDirectoryGrain> logger) : Grain, IWebhookDirectoryGrain
{
    private readonly ConfirmedState<WebhookDirectoryState> _state = new(state);

    private string Service => this.GetPrimaryKeyString();

    async Task<WebhookView> IWebhookDirectoryGrain.SetAsync(string name, WebhookSpec spec, string operatorName)
    {
        // The rules validate every field on the state they decide on; reading the outbox first changes nothing.
        var outbox = await GrainFactory.GetGrain<ICutoverGrain>(Service).GetNotificationsAsync(long.MaxValue, 0);
        var (view, changed) = await _state.DecideAndWriteAsync(
            s => WebhookDirectoryRules.Set(s, name, spec, operatorName, time.GetUtcNow(), outbox.LastSequence),
            round => LogConflict(logger, Service, round),
            $"the webhooks of {Service}");
        if (changed)
        {
            LogSet(logger, Service, name, view.Endpoint, operatorName);
            await Delivery(name).WakeAsync();
        }

        return view;
    }

    async Task<bool> IWebhookDirectoryGrain.RemoveAsync(string name, string operatorName)
    {
        var (removed, _) = await _state.DecideAndWriteAsync(
            s => WebhookDirectoryRules.Remove(s, name), round => LogConflict(logger, Service, round), $"the webhooks of {Service}");
        if (removed)
        {
            LogRemoved(logger, Service, name, operatorName);
            await Delivery(name).WakeAsync();
        }

        return removed;
    }

    Task<IReadOnlyList<WebhookView>> IWebhookDirectoryGrain.ListAsync() =>
        Task.FromResult<IReadOnlyList<WebhookView>>([.. _state.Value.Webhooks.Values.Select(WebhookDirectoryRules.View)]);

    Task<WebhookTarget?> IWebhookDirectoryGrain.GetTargetAsync(string name) =>
        Task.FromResult(_state.Value.Webhooks.GetValueOrDefault(name));

    private IWebhookDeliveryGrain Delivery(string name) => GrainFactory.GetGrain<IWebhookDeliveryGrain>(WebhookKey.Format(Service, name));

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Webhook {Webhook} of {Service} set to {Endpoint} by {Operator}")]
    private static partial void LogSet(ILogger logger, string service, string webhook, string endpoint, string @operator);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Webhook {Webhook} of {Service} removed by {Operator}")]
    private static partial void LogRemoved(ILogger logger, string service, string webhook, string @operator);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "ETag conflict on the webhooks of {Service} (round {Round}); re-read, deciding again")]
    private static partial void LogConflict(ILogger logger, string service, int round);
}
