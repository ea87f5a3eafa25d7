namespace Coordinator.Notifications;

/// <summary>One webhook's cursor in its service's outbox, as persisted. The type name is part of the stored format: do not rename.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.WebhookDeliveryState")]
public sealed record WebhookDeliveryState
{
    /// <summary>The <see cref="WebhookTarget.Id"/> this cursor belongs to; 0 before the first delivery.</summary>
    [Id(0)] public long WebhookId { get; init; }

    /// <summary>Every outbox entry up to here is done: delivered (2xx), not among the webhook's events, or dropped.</summary>
    [Id(1)] public long Cursor { get; init; }

    /// <summary>The entry the failed attempts below are of; null when the next entry has not failed.</summary>
    [Id(2)] public long? FailingSequence { get; init; }

    /// <summary>Failed attempts of <see cref="FailingSequence"/>.</summary>
    [Id(3)] public int FailedAttempts { get; init; }

    /// <summary>When <see cref="FailingSequence"/> may be tried again.</summary>
    [Id(4)] public DateTimeOffset? NextAttemptAt { get; init; }

    [Id(5)] public DateTimeOffset? LastAttemptAt { get; init; }

    [Id(6)] public string? LastResult { get; init; }

    [Id(7)] public string? LastDeliveredEventId { get; init; }

    /// <summary>Events acknowledged with a 2xx.</summary>
    [Id(8)] public long Delivered { get; init; }

    /// <summary>Entries evicted from the outbox before this webhook reached them.</summary>
    [Id(9)] public long Dropped { get; init; }
}
