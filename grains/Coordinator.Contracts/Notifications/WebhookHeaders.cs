namespace Coordinator.Notifications;

/// <summary>The headers on every webhook delivery; receivers verify and de-duplicate with them.</summary>
public static class WebhookHeaders
{
    /// <summary>The event's stable id (also "id" in the JSON body): the same on every retry of one event.</summary>
    public const string EventId = "X-Coordinator-Event-Id";

    /// <summary>The event's kind, e.g. "gate_failed".</summary>
    public const string Event = "X-Coordinator-Event";

    /// <summary>Unix seconds when this attempt was signed; covered by the signature, so a receiver can refuse old replays.</summary>
    public const string Timestamp = "X-Coordinator-Timestamp";

    /// <summary>"sha256=" and the lowercase hex HMAC-SHA256, keyed by the webhook's secret, of the timestamp, '.', and the raw body.</summary>
    public const string Signature = "X-Coordinator-Signature";

    /// <summary>1 for the first attempt of an event, 2 for its first retry, and so on.</summary>
    public const string Attempt = "X-Coordinator-Delivery-Attempt";

    /// <summary>The prefix of <see cref="Signature"/>'s value.</summary>
    public const string SignaturePrefix = "sha256=";
}
