using Orleans.Concurrency;

namespace Coordinator;

/// <summary>
/// Pushes one service's flip notices to the resolvers that follow its regions; key = the service name.
/// Subscriptions live in memory and expire unless renewed (observers are not durable), so a subscriber
/// renews well within <see cref="FlipSubscription.Lifetime"/> and re-reads when a renewal says it had lapsed.
/// </summary>
[Alias("coordinator.IFlipNoticeGrain")]
public interface IFlipNoticeGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="regions"/> to what <paramref name="observer"/> follows and renews its subscription.</summary>
    [Alias("Subscribe")]
    Task<FlipSubscription> SubscribeAsync(IFlipObserver observer, IReadOnlyList<string> regions);

    /// <summary>Ends <paramref name="observer"/>'s subscription; an unknown one changes nothing.</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IFlipObserver observer);

    /// <summary>
    /// Sends <paramref name="notice"/> to every live subscriber of its region, one-way. The region's pointer
    /// calls it after the flip's write is confirmed; the caller never waits for the fan-out.
    /// </summary>
    [OneWay]
    [Alias("Publish")]
    Task PublishAsync(FlipNotice notice);

    /// <summary>Live subscribers of <paramref name="region"/> now.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("CountSubscribers")]
    Task<int> CountSubscribersAsync(string region);
}
