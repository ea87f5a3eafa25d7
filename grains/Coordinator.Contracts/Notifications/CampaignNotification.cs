using Coordinator.Campaigns;

namespace Coordinator.Notifications;

/// <summary>
/// One campaign event in the service's notification outbox. It is written in the same ETag-checked
/// save as the campaign change that produced it, so it exists exactly when that change does; webhooks
/// deliver it from there, each at least once, always with the same <see cref="EventId"/> and body.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.CampaignNotification")]
public sealed record CampaignNotification
{
    /// <summary>Position in the service's outbox: 1, 2, 3... never reused.</summary>
    [Id(0)] public required long Sequence { get; init; }

    /// <summary>"service/campaign/sequence": stable across retries and silos; receivers de-duplicate on it.</summary>
    [Id(1)] public required string EventId { get; init; }

    /// <summary>What happened.</summary>
    [Id(2)] public required NotificationKind Kind { get; init; }

    /// <summary>The service the campaign moves.</summary>
    [Id(3)] public required string Service { get; init; }

    /// <summary>The campaign it happened to.</summary>
    [Id(4)] public required string CampaignId { get; init; }

    /// <summary>The campaign status version the change produced.</summary>
    [Id(5)] public required long CampaignVersion { get; init; }

    /// <summary>The campaign's state after the change.</summary>
    [Id(6)] public required CampaignState State { get; init; }

    /// <summary>The region it concerns (a failed gate); null for campaign-wide events.</summary>
    [Id(7)] public string? Region { get; init; }

    /// <summary>The wave it concerns, 1-based (a finished wave); null otherwise.</summary>
    [Id(8)] public int? Wave { get; init; }

    /// <summary>One line for people, with names and numbers.</summary>
    [Id(9)] public required string Message { get; init; }

    /// <summary>When the change was decided and saved.</summary>
    [Id(10)] public required DateTimeOffset At { get; init; }
}

/// <summary>Part of a service's notification outbox, as a webhook reads it after its cursor.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.NotificationPage")]
public sealed record NotificationPage
{
    /// <summary>The notifications after the cursor asked for, oldest first, at most the number asked for.</summary>
    [Id(0)] public required IReadOnlyList<CampaignNotification> Entries { get; init; }

    /// <summary>The oldest sequence the outbox still keeps; a cursor below it missed the evicted ones.</summary>
    [Id(1)] public required long FirstKept { get; init; }

    /// <summary>The newest sequence ever assigned (0 when none); the outbox keeps FirstKept..LastSequence.</summary>
    [Id(2)] public required long LastSequence { get; init; }
}
