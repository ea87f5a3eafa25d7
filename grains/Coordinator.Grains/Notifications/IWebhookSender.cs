using Coordinator.Notifications;

namespace Coordinator.Grains.Notifications;

/// <summary>POSTs one signed event to a webhook; the delivery grain decides everything else.</summary>
public interface IWebhookSender
{
    /// <summary>The receiver's status code, or why there was none; never throws for the receiver's failures.</summary>
    Task<WebhookAttemptResult> SendAsync(Uri url, byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken);
}
