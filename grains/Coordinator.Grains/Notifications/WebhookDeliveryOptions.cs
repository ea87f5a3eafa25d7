using Coordinator.Notifications;

namespace Coordinator.Grains.Notifications;

/// <summary>How webhooks are delivered; the host sets them from its configuration.</summary>
public sealed class WebhookDeliveryOptions
{
    /// <summary>The wait before a failed event is tried again (doubling, capped, jittered).</summary>
    public WebhookBackoff Backoff { get; set; } = WebhookBackoff.Default;

    /// <summary>How long one POST may take, connecting included, before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a delivery grain with work left (a backoff running, more entries) looks again.</summary>
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromMilliseconds(500);
}
