using System.Collections.Immutable;

namespace Coordinator.Notifications;

/// <summary>A service's webhooks as persisted, secrets included. The type name is part of the stored format: do not rename.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.WebhookDirectoryState")]
public sealed record WebhookDirectoryState
{
    [Id(0)] public ImmutableSortedDictionary<string, WebhookTarget> Webhooks { get; init; } = ImmutableSortedDictionary.Create<string, WebhookTarget>(StringComparer.Ordinal);

    /// <summary>The last webhook id handed out; ids are never reused, so a re-created webhook starts a fresh cursor.</summary>
    [Id(1)] public long LastId { get; init; }
}
