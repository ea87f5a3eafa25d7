using Coordinator.Domain;
using Coordinator.Switchover;
using Microsoft.Extensions.Logging;

namespace Coordinator.Grains.Switchover;

/// <summary>
/// One service's push fan-out: keeps the resolvers' subscriptions in memory (a lost activation only
/// makes them renew into a fresh book and re-read) and sends each confirmed flip to the followers of
/// its region, one-way, so neither the pointer nor this grain ever waits for a subscriber.
/// </summary>
public sealed partial class FlipNoticeGrain(TimeProvider time, ILogger<FlipNoticeGrain> logger) : Grain, IFlipNoticeGrain
{
    private readonly FlipSubscriptionBook<IFlipObserver> _book = new(FlipPush.SubscriptionLifetime);
    private IReadOnlyList<FieldError> _keyErrors = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", this.GetPrimaryKeyString(), errors);
        _keyErrors = errors;
        return Task.CompletedTask;
    }

    Task<FlipSubscription> IFlipNoticeGrain.SubscribeAsync(IFlipObserver observer, IReadOnlyList<string> regions)
    {
        NameRules.ThrowIfAny(_keyErrors);
        if (observer is null)
        {
            throw new InvalidInputException("observer", "is required");
        }

        var wasLive = _book.Subscribe(observer, regions, time.GetUtcNow());
        return Task.FromResult(new FlipSubscription { Lifetime = _book.Lifetime, WasLive = wasLive });
    }

    Task IFlipNoticeGrain.UnsubscribeAsync(IFlipObserver observer)
    {
        if (observer is not null)
        {
            _book.Unsubscribe(observer);
        }

        return Task.CompletedTask;
    }

    Task IFlipNoticeGrain.PublishAsync(FlipNotice notice)
    {
        if (notice?.View is not { } view || view.Service != this.GetPrimaryKeyString())
        {
            LogForeignNotice(logger, this.GetPrimaryKeyString(), notice?.View?.Service);
            return Task.CompletedTask;
        }

        foreach (var observer in _book.Following(view.Region, time.GetUtcNow()))
        {
            try
            {
                // One-way: completes as soon as the message is queued; a dead observer is dropped by expiry.
                _ = observer.OnFlippedAsync(notice);
            }
            catch (Exception ex)
            {
                LogSendFailed(logger, ex, view.Service, view.Region, view.Epoch);
            }
        }

        return Task.CompletedTask;
    }

    Task<int> IFlipNoticeGrain.CountSubscribersAsync(string region) =>
        Task.FromResult(_book.Following(region, time.GetUtcNow()).Count);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Flip notifier of {Service} was handed a notice of service {Other}; not sent")]
    private static partial void LogForeignNotice(ILogger logger, string service, string? other);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Debug, Message = "Could not send the flip of {Service}/{Region} to epoch {Epoch} to one subscriber; it re-reads on its own")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string service, string region, long epoch);
}
