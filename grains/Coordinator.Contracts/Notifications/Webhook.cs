using System.Collections.Immutable;

namespace Coordinator.Notifications;

/// <summary>The body a webhook is sent.</summary>
[GenerateSerializer]
[Alias("coordinator.WebhookFormat")]
public enum WebhookFormat
{
    /// <summary>The coordinator's JSON event (id, type, service, campaign_id, sequence, state, region, wave, message, at).</summary>
    Json = 0,

    /// <summary>A Slack-compatible incoming-webhook body: <c>{"text": "..."}</c>; the id and signature are in the headers.</summary>
    Slack = 1,
}

/// <summary>A webhook as an operator sets it for a service.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.WebhookSpec")]
public sealed record WebhookSpec
{
    /// <summary>Absolute http or https URL the events are POSTed to; no credentials, no fragment.</summary>
    [Id(0)] public string? Url { get; init; }

    /// <summary>
    /// The HMAC secret the deliveries are signed with; required for a new webhook, null to keep the
    /// current one when changing an existing webhook. Never returned by any read.
    /// </summary>
    [Id(1)] public string? Secret { get; init; }

    /// <summary>The events to send; null for all of them.</summary>
    [Id(2)] public ImmutableList<NotificationKind>? Events { get; init; }

    /// <summary>The body: the coordinator's JSON or Slack's <c>{"text": ...}</c>.</summary>
    [Id(3)] public WebhookFormat Format { get; init; }
}

/// <summary>
/// A configured webhook with its secret, as the silo delivers to it. Returned only to the delivery
/// grain; operators see a <see cref="WebhookView"/>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.WebhookTarget")]
public sealed record WebhookTarget
{
    /// <summary>The webhook's name within its service.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>Assigned when the webhook is created, never reused: a webhook removed and set again starts a fresh cursor.</summary>
    [Id(1)] public required long Id { get; init; }

    /// <summary>Where events are POSTed.</summary>
    [Id(2)] public required string Url { get; init; }

    /// <summary>The HMAC secret.</summary>
    [Id(3)] public required string Secret { get; init; }

    /// <summary>The events sent, in wire order.</summary>
    [Id(4)] public required ImmutableList<NotificationKind> Events { get; init; }

    /// <summary>The body's format.</summary>
    [Id(5)] public required WebhookFormat Format { get; init; }

    /// <summary>The outbox's last sequence when the webhook was created: it is sent what came after, not the service's history.</summary>
    [Id(6)] public required long FromSequence { get; init; }

    /// <summary>Who last set it.</summary>
    [Id(7)] public required string UpdatedBy { get; init; }

    /// <summary>When it was last set.</summary>
    [Id(8)] public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A webhook as operators read it: never the secret, and the URL only as its origin and a fingerprint (Slack's URLs carry a token).</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.WebhookView")]
public sealed record WebhookView
{
    /// <summary>The webhook's name within its service.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>Scheme, host and port of the URL, e.g. "https://hooks.slack.com".</summary>
    [Id(1)] public required string Endpoint { get; init; }

    /// <summary>The first 12 hex digits of the URL's SHA-256: compare with what you set without the URL being shown.</summary>
    [Id(2)] public required string UrlFingerprint { get; init; }

    /// <summary>The events sent.</summary>
    [Id(3)] public required ImmutableList<NotificationKind> Events { get; init; }

    /// <summary>The body's format.</summary>
    [Id(4)] public required WebhookFormat Format { get; init; }

    /// <summary>Always true: a webhook cannot exist without a secret; the secret itself is never shown.</summary>
    [Id(5)] public required bool SecretSet { get; init; }

    /// <summary>Who last set it.</summary>
    [Id(6)] public required string UpdatedBy { get; init; }

    /// <summary>When it was last set.</summary>
    [Id(7)] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>How delivery goes; null when not asked for.</summary>
    [Id(8)] public WebhookDeliveryStatus? Delivery { get; init; }
}

/// <summary>Where one webhook's delivery stands.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.WebhookDeliveryStatus")]
public sealed record WebhookDeliveryStatus
{
    /// <summary>Every outbox entry up to this sequence was delivered, not among the webhook's events, or dropped.</summary>
    [Id(0)] public required long DeliveredThrough { get; init; }

    /// <summary>Entries of the webhook's events still to deliver.</summary>
    [Id(1)] public required int Pending { get; init; }

    /// <summary>Failed attempts of the next entry so far (0 when it was not tried yet).</summary>
    [Id(2)] public required int FailedAttempts { get; init; }

    /// <summary>When the next entry is tried again after a failure; null when not waiting.</summary>
    [Id(3)] public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>When the last attempt was made; null before the first.</summary>
    [Id(4)] public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>The last attempt's outcome: "HTTP 200", "HTTP 500", "timeout", "connection refused"...</summary>
    [Id(5)] public string? LastResult { get; init; }

    /// <summary>The id of the last event the receiver acknowledged with a 2xx.</summary>
    [Id(6)] public string? LastDeliveredEventId { get; init; }

    /// <summary>Events acknowledged with a 2xx.</summary>
    [Id(7)] public required long Delivered { get; init; }

    /// <summary>Entries evicted from the bounded outbox before this webhook reached them; they are never sent.</summary>
    [Id(8)] public required long Dropped { get; init; }
}

/// <summary>Keys and bounds of webhooks.</summary>
public static class WebhookKey
{
    /// <summary>Most webhooks one service may have.</summary>
    public const int MaxPerService = 8;

    /// <summary>The delivery grain's key: "service/webhook".</summary>
    public static string Format(string service, string name) => RegionKey.Format(service, name);

    /// <summary>Splits a delivery grain's key.</summary>
    /// <exception cref="FormatException">Not a "service/webhook" key.</exception>
    public static (string Service, string Name) Parse(string key) => RegionKey.Parse(key);
}
