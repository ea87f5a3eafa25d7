using System.Collections.Concurrent;
using Coordinator.Campaigns;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Operations.Errors;
using Coordinator.Operations.Regions;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Coordinator.Api.Views;

/// <summary>
/// This silo's view of the regions its API callers ask about, fed by the pointers' flip notices (as the
/// SDK's ActiveArmResolver is) and re-read from confirmed state every <see cref="RefreshInterval"/> in
/// case a notice was lost. GET active, its long-poll and the event streams answer from it, so a hundred
/// thousand reads cost the grains nothing. Per region it never goes back to a lower epoch, and a caller
/// that names a higher epoch than the view holds (If-None-Match, ?after=) gets a confirmed read instead.
/// A service nobody reads and no event stream follows for <see cref="ApiOptions.ViewIdleReleaseSeconds"/>
/// is let go (its subscriptions end), so a silo asked about many services over time does not follow
/// them all forever; the next read follows it afresh from confirmed state.
/// </summary>
public sealed partial class ActiveArmViews : IAsyncDisposable
{
    /// <summary>The safety net: every region and service directory held here is re-read this often.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private readonly IClusterClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ServiceView> _services = new(StringComparer.Ordinal);
    private readonly ITimer _refreshTimer;
    private readonly TimeSpan _idleRelease;
    private int _refreshing;
    private bool _disposed;

    public ActiveArmViews(IClusterClient client, TimeProvider time, ApiOptions options, ILogger<ActiveArmViews> logger)
    {
        _client = client;
        _time = time;
        _logger = logger;
        _idleRelease = TimeSpan.FromSeconds(options.ViewIdleReleaseSeconds);
        _refreshTimer = time.CreateTimer(_ => _ = RefreshTickAsync(), null, RefreshInterval, RefreshInterval);
    }

    /// <summary>
    /// The region's active arm, from memory once the region is followed; a confirmed read when the
    /// active arm has no manifest yet or the caller has seen an epoch above <paramref name="atLeast"/>'s.
    /// </summary>
    /// <exception cref="NotFoundException">Neither arm was ever registered in the region.</exception>
    public ValueTask<ActiveArmView> GetAsync(string service, string region, long? atLeast = null)
    {
        if (_services.TryGetValue(service, out var known) && known.Regions.TryGetValue(region, out var cell)
            && cell.Started is { IsCompletedSuccessfully: true } && cell.View is { ActiveManifest: not null } view
            && (atLeast is null || view.Epoch >= atLeast))
        {
            known.Touch(_time.GetTimestamp());
            return ValueTask.FromResult(view);
        }

        return new ValueTask<ActiveArmView>(LoadAsync(service, region, atLeast));
    }

    /// <summary>The region once its epoch passes <paramref name="afterEpoch"/> (woken by flip notices), or as it is when <paramref name="timeout"/> runs out.</summary>
    public async Task<ActiveArmView> WaitForEpochAsync(string service, string region, long afterEpoch, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;

        // A waiter holds the service like an event stream does, so it is not let go under the wait.
        NameRules.ValidateRegionKey(service, region);
        using var follower = new ServiceFollower(Acquire(service, follow: true), _time);
        var view = await GetAsync(service, region);
        var cell = follower.View.Regions[region];
        while (view.Epoch <= afterEpoch)
        {
            var changed = cell.Changed;
            view = cell.View ?? view;
            var left = deadline - _time.GetUtcNow();
            if (view.Epoch > afterEpoch || left <= TimeSpan.Zero)
            {
                break;
            }

            try
            {
                await changed.WaitAsync(left, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                break;
            }
        }

        return cell.View ?? view;
    }

    /// <summary>The services this silo follows now (read recently, or followed by an open event stream).</summary>
    public IReadOnlyCollection<string> FollowedServices => [.. _services.Keys];

    /// <summary>
    /// The service's regions, followed until the returned follower is disposed (and then until it idles
    /// out); its directory is read once, then on every refresh.
    /// </summary>
    internal async Task<ServiceFollower> FollowAsync(string service)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var view = Acquire(service, follow: true);
        var follower = new ServiceFollower(view, _time);
        try
        {
            var read = view.DirectoryRead ??= ReadDirectoryAsync(view);
            try
            {
                await read;
            }
            catch
            {
                // The next follower tries again rather than inheriting a failed read.
                if (view.DirectoryRead == read)
                {
                    view.DirectoryRead = null;
                }

                throw;
            }

            return follower;
        }
        catch
        {
            follower.Dispose();
            throw;
        }
    }

    /// <summary>Re-reads a region this silo just changed (a flip, a registration), so its own callers see it at once.</summary>
    public async Task LearnAsync(string service, string region)
    {
        if (_services.TryGetValue(service, out var known) && known.Regions.TryGetValue(region, out var cell))
        {
            cell.Apply(await RegionOperations.Pointer(_client, service, region).GetActiveArmAsync(), confirmedRead: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _refreshTimer.DisposeAsync();
        foreach (var view in _services.Values)
        {
            await UnsubscribeAllAsync(view);
        }

        _services.Clear();
    }

    /// <summary>The service's view, touched (and with a follower added when asked) so it is not let go meanwhile.</summary>
    private ServiceView Acquire(string service, bool follow)
    {
        while (true)
        {
            var view = _services.GetOrAdd(service, name => new ServiceView(name));
            lock (view)
            {
                // A view let go a moment ago leaves the dictionary right after; take the next one.
                if (!view.Released)
                {
                    view.Touch(_time.GetTimestamp());
                    if (follow)
                    {
                        view.AddFollower();
                    }

                    return view;
                }
            }

            Thread.Yield();
        }
    }

    private async Task<ActiveArmView> LoadAsync(string service, string region, long? atLeast)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        NameRules.ValidateRegionKey(service, region);
        ServiceView view;
        RegionCell? cell;
        do
        {
            view = Acquire(service, follow: false);
            cell = await StartCellAsync(view, region);
        }
        while (cell is null);

        var current = cell.View!;
        if (current.Blue is null && current.Green is null)
        {
            // Not followed: a name nobody registered must not hold a subscription.
            if (view.Regions.TryRemove(new KeyValuePair<string, RegionCell>(region, cell)))
            {
                await UnsubscribeAsync(cell);
            }

            throw new NotFoundException("region", "region", $"{RegionKey.Format(service, region)} has no registered arm");
        }

        if (current.ActiveManifest is null || (atLeast is { } seen && current.Epoch < seen))
        {
            cell.Apply(await RegionOperations.Pointer(_client, service, region).GetActiveArmAsync(), confirmedRead: true);
        }

        return cell.View!;
    }

    private async Task ReadDirectoryAsync(ServiceView view)
    {
        await FollowCampaignsAsync(view);
        var regions = await _client.GetGrain<IServiceDirectoryGrain>(view.Name).GetRegionsAsync();
        await Task.WhenAll(regions.Select(region => (Task)StartCellAsync(view, region)));
        await Task.WhenAll(regions.Select(region => FollowLeasesAsync(view, region)));
    }

    /// <summary>The service's campaign stream: every persisted change of its campaigns (best effort; versions show gaps).</summary>
    private async Task FollowCampaignsAsync(ServiceView view)
    {
        if (view.Unsubscribes.ContainsKey(CampaignEventStream.Namespace))
        {
            return;
        }

        var stream = _client.GetStreamProvider(FlipStream.ProviderName)
            .GetStream<CampaignChange>(StreamId.Create(CampaignEventStream.Namespace, view.Name));
        var handle = await stream.SubscribeAsync(
            (change, _) =>
            {
                view.Apply(change);
                return Task.CompletedTask;
            },
            ex =>
            {
                LogStreamError(_logger, ex, view.Name, "campaigns");
                return Task.CompletedTask;
            });
        if (!view.Unsubscribes.TryAdd(CampaignEventStream.Namespace, handle.UnsubscribeAsync))
        {
            await handle.UnsubscribeAsync();
        }
    }

    /// <summary>The lease stream of every writer the region's fence directory lists (grants, releases, freezes, unfreezes).</summary>
    private async Task FollowLeasesAsync(ServiceView view, string region)
    {
        var directory = await _client.GetGrain<IFenceDirectoryGrain>(RegionKey.Format(view.Name, region)).GetAsync();
        foreach (var writer in directory.Writers)
        {
            var key = FenceKey.Format(view.Name, region, writer);
            if (view.Unsubscribes.ContainsKey(key))
            {
                continue;
            }

            var stream = _client.GetStreamProvider(FlipStream.ProviderName).GetStream<LeaseChanged>(StreamId.Create(LeaseStream.Namespace, key));
            var handle = await stream.SubscribeAsync(
                (change, _) =>
                {
                    view.Apply(region, writer, change);
                    return Task.CompletedTask;
                },
                ex =>
                {
                    LogStreamError(_logger, ex, view.Name, region);
                    return Task.CompletedTask;
                });
            if (!view.Unsubscribes.TryAdd(key, handle.UnsubscribeAsync))
            {
                await handle.UnsubscribeAsync();
            }
        }
    }

    /// <summary>The region's cell, subscribed and read; null when the service was let go meanwhile (start again).</summary>
    private async Task<RegionCell?> StartCellAsync(ServiceView view, string region)
    {
        RegionCell cell;
        lock (view)
        {
            if (view.Released)
            {
                return null;
            }

            cell = view.Regions.GetOrAdd(region, name => new RegionCell(view, name));
        }

        Task started;
        lock (cell)
        {
            started = cell.Started ??= SubscribeAndReadAsync(cell);
        }

        try
        {
            await started;
            return cell;
        }
        catch when (view.Regions.TryRemove(new KeyValuePair<string, RegionCell>(region, cell)))
        {
            // A failed start (storage down: 503) is not kept; the next caller starts afresh.
            await UnsubscribeAsync(cell);
            throw;
        }
    }

    private async Task SubscribeAndReadAsync(RegionCell cell)
    {
        // Subscribe before the first read so no flip can fall between the two.
        var (service, region) = (cell.Service.Name, cell.Region);
        var stream = _client.GetStreamProvider(FlipStream.NoticeProviderName)
            .GetStream<ArmFlipped>(StreamId.Create(FlipStream.Namespace, FlipStream.Key(service, region)));
        cell.Subscription = await stream.SubscribeAsync(
            (flipped, _) =>
            {
                cell.Apply(flipped.View, confirmedRead: false);
                return Task.CompletedTask;
            },
            ex =>
            {
                LogStreamError(_logger, ex, service, region);
                return Task.CompletedTask;
            });
        if (cell.Service.Released)
        {
            // Let go while this subscription was being made: the release could not see it.
            await UnsubscribeAsync(cell);
        }

        cell.Apply(await RegionOperations.Pointer(_client, service, region).GetActiveArmAsync(), confirmedRead: true);
    }

    private async Task UnsubscribeAllAsync(ServiceView view)
    {
        foreach (var cell in view.Regions.Values)
        {
            await UnsubscribeAsync(cell);
        }

        foreach (var unsubscribe in view.Unsubscribes.Values)
        {
            try
            {
                await unsubscribe();
            }
            catch (Exception ex)
            {
                LogUnsubscribeFailed(_logger, ex);
            }
        }
    }

    private async Task UnsubscribeAsync(RegionCell cell)
    {
        if (cell.Subscription is StreamSubscriptionHandle<ArmFlipped> handle)
        {
            cell.Subscription = null;
            try
            {
                await handle.UnsubscribeAsync();
            }
            catch (Exception ex)
            {
                LogUnsubscribeFailed(_logger, ex);
            }
        }
    }

    private async Task RefreshTickAsync()
    {
        // Skip a tick rather than pile up re-reads behind a slow cluster.
        if (_disposed || Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var view in _services.Values)
            {
                if (!await ReleaseIfIdleAsync(view))
                {
                    await RefreshAsync(view);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    /// <summary>Lets the service go when nobody read it for the idle time and no event stream follows it.</summary>
    private async Task<bool> ReleaseIfIdleAsync(ServiceView view)
    {
        lock (view)
        {
            if (view.Followers > 0 || _time.GetElapsedTime(view.LastUsed) < _idleRelease)
            {
                return false;
            }

            view.Released = true;
        }

        _services.TryRemove(new KeyValuePair<string, ServiceView>(view.Name, view));
        await UnsubscribeAllAsync(view);
        LogReleased(_logger, view.Name, _idleRelease.TotalSeconds);
        return true;
    }

    private async Task RefreshAsync(ServiceView view)
    {
        try
        {
            // Followed services learn regions registered since; every region is re-read from confirmed state.
            if (view.DirectoryRead is { IsCompletedSuccessfully: true })
            {
                await ReadDirectoryAsync(view);
            }

            foreach (var cell in view.Regions.Values.Where(c => c.Started is { IsCompletedSuccessfully: true }))
            {
                cell.Apply(await RegionOperations.Pointer(_client, view.Name, cell.Region).GetActiveArmAsync(), confirmedRead: true);
            }
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            LogRefreshFailed(_logger, ex, view.Name);
        }
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "Periodic re-read of {Service} failed; serving what was last learned")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string service);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Stream error for {Service}/{Region}; the periodic re-read will cover it")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string service, string region);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Debug, Message = "Let go of {Service}: nobody read it for {Seconds} s and no event stream follows it")]
    private static partial void LogReleased(ILogger logger, string service, double seconds);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Debug, Message = "Unsubscribing from a flip stream failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
