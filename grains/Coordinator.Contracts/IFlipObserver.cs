using Orleans.Concurrency;

namespace Coordinator;

/// <summary>
/// A resolver's receiver of pushed flip notices (an Orleans object reference, made by the client).
/// Calls are one-way: the notifier never waits for a subscriber, so a dead one cannot slow a flip.
/// </summary>
[Alias("coordinator.IFlipObserver")]
public interface IFlipObserver : IGrainObserver
{
    /// <summary>A flip of a followed region was persisted. May arrive late, twice, or out of order: keep the highest epoch.</summary>
    [OneWay]
    [Alias("OnFlipped")]
    Task OnFlippedAsync(FlipNotice notice);
}
