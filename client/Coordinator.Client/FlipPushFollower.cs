using System.Collections.Concurrent;
using Coordinator.Switchover;
using Microsoft.Extensions.Logging;

namespace Coordinator.Client;

/// <summary>
/// A resolver's side of pushed flip notices: one object reference, one subscription per service at that
/// service's <see cref="IFlipNoticeGrain"/>, renewed every <see cref="FlipPush.RenewalInterval"/>. A
/// subscription found lapsed (expired, or its notifier restarted) is renewed with every followed region
/// and those regions are re-read, since notices may have been missed meanwhile.
/// </summary>
internal sealed partial class FlipPushFollower : IAsyncDisposable
{
    /// <summary>How long dispose waits for each notifier: a cluster that is gone must not hold up a shutdown.</summary>
    private static readonly TimeSpan UnsubscribeWait = TimeSpan.FromSeconds(5);

    private readonly IClusterClient _client;
    private readonly Receiver _receiver;
    private readonly Func<string, IReadOnlyList<string>, Task> _reread;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, FollowedRegions> _services = new(StringComparer.Ordinal);
    private readonly ITimer _renewal;
    private readonly Lazy<IFlipObserver> _reference;
    private int _renewing;
    private volatile bool _disposed;

    /// <param name="client">The resolver's cluster client.</param>
    /// <param name="time">Drives the renewal timer.</param>
    /// <param name="onNotice">Called with every pushed notice, on an Orleans thread.</param>
    /// <param name="reread">Re-reads some regions of a service (after a lapsed subscription).</param>
    /// <param name="logger">The resolver's logger.</param>
    public FlipPushFollower(IClusterClient client, TimeProvider time, Action<FlipNotice> onNotice, Func<string, IReadOnlyList<string>, Task> reread, ILogger logger)
    {
        _client = client;
        _reread = reread;
        _logger = logger;
        _receiver = new Receiver(onNotice, logger);

        // Orleans holds the receiver only weakly: the field above keeps it alive as long as this follower.
        _reference = new Lazy<IFlipObserver>(() => client.CreateObjectReference<IFlipObserver>(_receiver));
        _renewal = time.CreateTimer(_ => _ = RenewTickAsync(), null, FlipPush.RenewalInterval, FlipPush.RenewalInterval);
    }

    /// <summary>
    /// Subscribes to <paramref name="region"/>'s notices; call before the region's first read so no flip falls
    /// between the two. Never throws: a failed subscription is retried by the next renewal, and the periodic
    /// re-read covers until then.
    /// </summary>
    public async Task FollowAsync(string service, string region)
    {
        var followed = _services.GetOrAdd(service, _ => new FollowedRegions());
        followed.Add(region);
        try
        {
            var subscription = await Notifier(service).SubscribeAsync(_reference.Value, [region]);
            if (!subscription.WasLive && followed.Count > 1)
            {
                // The service's subscription had lapsed: this call started a fresh one with one region.
                await RenewAsync(service, followed, rereadAll: true);
            }
        }
        catch (Exception ex) when (!_disposed)
        {
            LogSubscribeFailed(_logger, ex, service, region);
        }
    }

    /// <summary>Renews every service's subscription now (what the renewal timer does).</summary>
    public Task RenewAllAsync() =>
        Task.WhenAll(_services.Select(s => RenewAsync(s.Key, s.Value, rereadAll: false)));

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _renewal.DisposeAsync();
        if (!_reference.IsValueCreated)
        {
            return;
        }

        await Task.WhenAll(_services.Keys.Select(async service =>
        {
            try
            {
                await Notifier(service).UnsubscribeAsync(_reference.Value).WaitAsync(UnsubscribeWait);
            }
            catch (Exception ex)
            {
                // Unsubscribing is a courtesy: the subscription expires on its own.
                LogUnsubscribeFailed(_logger, ex, service);
            }
        }));
        _client.DeleteObjectReference<IFlipObserver>(_reference.Value);
    }

    private async Task RenewAsync(string service, FollowedRegions followed, bool rereadAll)
    {
        var regions = followed.Snapshot();
        try
        {
            var subscription = await Notifier(service).SubscribeAsync(_reference.Value, regions);
            if (rereadAll || !subscription.WasLive)
            {
                LogLapsed(_logger, service, regions.Count);
                await _reread(service, regions);
            }
        }
        catch (Exception ex) when (!_disposed)
        {
            LogRenewFailed(_logger, ex, service);
        }
    }

    private async Task RenewTickAsync()
    {
        // Skip a tick rather than pile renewals up behind a slow cluster.
        if (_disposed || Interlocked.Exchange(ref _renewing, 1) == 1)
        {
            return;
        }

        try
        {
            await RenewAllAsync();
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    private IFlipNoticeGrain Notifier(string service) => _client.GetGrain<IFlipNoticeGrain>(service);

    /// <summary>The regions of one service this resolver follows; only ever grows.</summary>
    private sealed class FollowedRegions
    {
        private readonly HashSet<string> _regions = new(StringComparer.Ordinal);

        public int Count
        {
            get
            {
                lock (_regions)
                {
                    return _regions.Count;
                }
            }
        }

        public void Add(string region)
        {
            lock (_regions)
            {
                _regions.Add(region);
            }
        }

        public IReadOnlyList<string> Snapshot()
        {
            lock (_regions)
            {
                return [.. _regions];
            }
        }
    }

    /// <summary>The object Orleans calls; kept apart so the follower's own members are not remotely callable.</summary>
    private sealed class Receiver(Action<FlipNotice> onNotice, ILogger logger) : IFlipObserver
    {
        public Task OnFlippedAsync(FlipNotice notice)
        {
            try
            {
                onNotice(notice);
            }
            catch (Exception ex)
            {
                // A subscriber's Changed handler threw; the notice was applied before it ran.
                LogHandlerFailed(logger, ex, notice.View.Service, notice.View.Region);
            }

            return Task.CompletedTask;
        }
    }

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Could not subscribe to pushed flips of {Service}/{Region}; the next renewal retries, the periodic re-read covers meanwhile")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, string service, string region);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Could not renew the pushed-flip subscription of {Service}; the next renewal retries")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string service);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Pushed-flip subscription of {Service} had lapsed; subscribed again and re-reading its {Regions} region(s)")]
    private static partial void LogLapsed(ILogger logger, string service, int regions);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Debug, Message = "Unsubscribing from pushed flips of {Service} failed during dispose")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string service);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "A Changed handler threw on a pushed flip of {Service}/{Region}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string service, string region);
}
