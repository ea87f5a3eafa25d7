using Orleans.Concurrency;

namespace Coordinator.Notifications;

/// <summary>A service's webhooks; key = the service name.</summary>
[Alias("coordinator.IWebhookDirectoryGrain")]
public interface IWebhookDirectoryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the webhook <paramref name="name"/> or changes it (a null secret keeps the current one).
    /// Every bad field is refused by name and nothing changes. A new webhook is sent the events that
    /// come after it was set, not the service's history.
    /// </summary>
    [Alias("Set")]
    Task<WebhookView> SetAsync(string name, WebhookSpec spec, string operatorName);

    /// <summary>Removes the webhook; false when there was none. Undelivered events are not sent.</summary>
    [Alias("Remove")]
    Task<bool> RemoveAsync(string name, string operatorName);

    /// <summary>The service's webhooks by name, without secrets.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("List")]
    Task<IReadOnlyList<WebhookView>> ListAsync();

    /// <summary>One webhook with its secret, for its delivery grain; null when there is none.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetTarget")]
    Task<WebhookTarget?> GetTargetAsync(string name);
}

/// <summary>
/// Delivers one webhook's events from its service's outbox, in order, each at least once; key =
/// <see cref="WebhookKey.Format"/>. Its cursor advances only after a 2xx; failures are retried with
/// exponential backoff and jitter, and a reminder resumes it after a crash.
/// </summary>
[Alias("coordinator.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>Something may be waiting in the outbox (or the webhook changed): look now.</summary>
    [OneWay]
    [Alias("Wake")]
    Task WakeAsync();

    /// <summary>Where delivery stands, from the confirmed state and the outbox.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetStatus")]
    Task<WebhookDeliveryStatus> GetStatusAsync();
}
