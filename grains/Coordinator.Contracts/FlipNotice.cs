namespace Coordinator;

/// <summary>
/// Pushed to every resolver that follows a region, after a flip of it is persisted. Carries only what a
/// resolver needs to move its cache and raise its change event; who flipped and why stay in the audit
/// chain and on the flip stream.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.FlipNotice")]
public sealed record FlipNotice
{
    /// <summary>The region as persisted after the flip: service, region, active arm, epoch and both manifests.</summary>
    [Id(0)] public required ActiveArmView View { get; init; }
}

/// <summary>The answer to a subscription or its renewal at a service's <see cref="IFlipNoticeGrain"/>.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.FlipSubscription")]
public sealed record FlipSubscription
{
    /// <summary>How long the subscription lives unless renewed; renew well within it.</summary>
    [Id(0)] public required TimeSpan Lifetime { get; init; }

    /// <summary>
    /// False when the subscriber was not subscribed (first subscription, or it expired or the notifier
    /// restarted): notices may have been missed, so re-read the regions.
    /// </summary>
    [Id(1)] public required bool WasLive { get; init; }
}
