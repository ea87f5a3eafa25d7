using System.Collections.Concurrent;
using Coordinator.Domain;
using Coordinator.Observability;
using Coordinator.Switchover;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Streams;

namespace Coordinator.Client;

/// <summary>
/// Answers "which arm serves (service, region) now?" on every request from an in-process cache.
/// The cache learns of flips from notices the pointer pushes once the flip is persisted, with a
/// periodic re-read of every region as the safety net for a lost notice (and, with
/// <see cref="ActiveArmResolverOptions.FollowFlipStream"/>, the region's flip stream as a second path).
/// Per region it never goes back to a lower epoch; late or repeated notices are ignored.
/// Create one per process and share it.
/// </summary>
public sealed partial class ActiveArmResolver : IAsyncDisposable
{
    private readonly IClusterClient _client;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Service, string Region), RegionEntry> _regions = new();
    private readonly ITimer _refreshTimer;
    private readonly TimeProvider _time;
    private readonly FlipPushFollower _push;
    private readonly bool _followStream;
    private int _refreshing;
    private bool _disposed;

    /// <summary>A resolver over <paramref name="client"/>; create one per process and share it.</summary>
    /// <param name="client">A connected client (see <see cref="CoordinatorClientBuilderExtensions.UseCoordinatorCluster"/>).</param>
    /// <param name="options">Null for the defaults.</param>
    /// <param name="time">Drives the refresh timer; null for the system clock (tests pass a fake).</param>
    /// <param name="logger">Null for no logging.</param>
    public ActiveArmResolver(IClusterClient client, ActiveArmResolverOptions? options = null, TimeProvider? time = null, ILogger<ActiveArmResolver>? logger = null)
    {
        options ??= new ActiveArmResolverOptions();
        options.Validate();
        _client = client;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var interval = options.RefreshInterval;
        _time = time ?? TimeProvider.System;
        _refreshTimer = _time.CreateTimer(_ => _ = RefreshTickAsync(), null, interval, interval);
        _push = new FlipPushFollower(client, _time, OnPushed, RereadAsync, _logger);
        _followStream = options.FollowFlipStream;
    }

    /// <summary>Raised after a region's cached arm moved to a higher epoch (or got its first manifest).</summary>
    public event Action<ActiveArm>? Changed;

    /// <summary>Flip notifications (pushed or from the stream) received and applied.</summary>
    public long NotificationsApplied => Interlocked.Read(ref _notificationsApplied);

    /// <summary>Of <see cref="NotificationsApplied"/>, those that arrived as pushed notices (the rest came from the stream).</summary>
    public long PushNoticesApplied => Interlocked.Read(ref _pushApplied);

    /// <summary>Reads or notifications ignored because they carried an epoch below the cached one.</summary>
    public long StaleUpdatesIgnored => Interlocked.Read(ref _staleIgnored);

    private long _notificationsApplied;
    private long _pushApplied;
    private long _staleIgnored;

    /// <summary>
    /// The active arm for a region. After the first call for a region this completes synchronously
    /// from memory. Throws <see cref="ArmNotRegisteredException"/> if the active arm has no manifest.
    /// </summary>
    public ValueTask<ActiveArm> GetAsync(string service, string region)
    {
        if (_regions.TryGetValue((service, region), out var entry) && entry.Current is { } cached)
        {
            return ValueTask.FromResult(cached);
        }

        return new ValueTask<ActiveArm>(LoadAsync(service, region));
    }

    /// <summary>The cached arm, or null if the region was never loaded or has no manifest yet.</summary>
    public ActiveArm? TryGetCached(string service, string region) =>
        _regions.TryGetValue((service, region), out var entry) ? entry.Current : null;

    /// <summary>Re-reads every cached region now (what the periodic safety net does).</summary>
    public async Task RefreshAllAsync()
    {
        foreach (var ((service, region), entry) in _regions)
        {
            await RereadAsync(service, region, entry);
        }
    }

    /// <summary>Stops the timers and unsubscribes from pushed notices and every region's flip stream; cached arms are no longer updated.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _refreshTimer.DisposeAsync();
        await _push.DisposeAsync();
        foreach (var entry in _regions.Values)
        {
            if (entry.Subscription is { } subscription)
            {
                try
                {
                    await subscription.UnsubscribeAsync();
                }
                catch (Exception ex)
                {
                    LogUnsubscribeFailed(_logger, ex);
                }
            }
        }

        _regions.Clear();
    }

    private async Task<ActiveArm> LoadAsync(string service, string region)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        NameRules.ValidateRegionKey(service, region);
        var entry = _regions.GetOrAdd((service, region), _ => new RegionEntry());
        await entry.StartOnceAsync(() => StartAsync(entry, service, region));
        if (entry.Current is { } current)
        {
            return current;
        }

        // Loaded, but the active arm has no manifest yet: re-read, in case it was registered since.
        Apply(entry, await Pointer(service, region).GetActiveArmAsync(), fromNotification: false);
        return entry.Current ?? throw new ArmNotRegisteredException(RegionKey.Format(service, region), entry.LastView!.ActiveArm);
    }

    private async Task StartAsync(RegionEntry entry, string service, string region)
    {
        // Subscribe (push, and the stream when asked) before the first read so no flip can fall between the two.
        await Task.WhenAll(_push.FollowAsync(service, region), _followStream ? SubscribeStreamAsync(entry, service, region) : Task.CompletedTask);
        Apply(entry, await Pointer(service, region).GetActiveArmAsync(), fromNotification: false);
    }

    private async Task SubscribeStreamAsync(RegionEntry entry, string service, string region)
    {
        var stream = _client.GetStreamProvider(FlipStream.NoticeProviderName)
            .GetStream<ArmFlipped>(StreamId.Create(FlipStream.Namespace, FlipStream.Key(service, region)));
        entry.Subscription ??= await stream.SubscribeAsync(
            (flipped, _) =>
            {
                if (Apply(entry, flipped.View, fromNotification: true))
                {
                    Interlocked.Increment(ref _notificationsApplied);
                }

                return Task.CompletedTask;
            },
            ex =>
            {
                LogStreamError(_logger, ex, service, region);
                return Task.CompletedTask;
            });
    }

    private void OnPushed(FlipNotice notice)
    {
        var view = notice.View;
        if (_regions.TryGetValue((view.Service, view.Region), out var entry) && Apply(entry, view, fromNotification: true))
        {
            Interlocked.Increment(ref _notificationsApplied);
            Interlocked.Increment(ref _pushApplied);
        }
    }

    private async Task RereadAsync(string service, IReadOnlyList<string> regions)
    {
        foreach (var region in regions)
        {
            if (_regions.TryGetValue((service, region), out var entry))
            {
                await RereadAsync(service, region, entry);
            }
        }
    }

    private async Task RereadAsync(string service, string region, RegionEntry entry)
    {
        try
        {
            Apply(entry, await Pointer(service, region).GetActiveArmAsync(), fromNotification: false);
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            LogRefreshFailed(_logger, ex, service, region);
        }
    }

    /// <summary>Moves the entry forward to <paramref name="view"/> if <see cref="NoticeOrder"/> says it wins. Lock-free.</summary>
    private bool Apply(RegionEntry entry, ActiveArmView view, bool fromNotification)
    {
        var manifest = view.ActiveManifest;
        while (true)
        {
            var seen = entry.LastView;
            var verdict = NoticeOrder.Judge(seen, view);
            if (verdict != NoticeVerdict.Advance)
            {
                if (verdict == NoticeVerdict.Stale)
                {
                    Interlocked.Increment(ref _staleIgnored);
                }

                return false;
            }

            if (entry.TryAdvance(seen, view, manifest is null ? null : new ActiveArm(view, manifest), out var advanced))
            {
                // A flip seen after the first read: how long it took to get here (clocks of two machines).
                if (seen is not null && view.Epoch > seen.Epoch && view.LastFlipAt is { } flippedAt)
                {
                    ResolverMetrics.FlipSeen(view.Service, view.Region, fromNotification ? "notification" : "refresh", _time.GetUtcNow() - flippedAt);
                }

                if (advanced is not null)
                {
                    LogAdvanced(_logger, view.Service, view.Region, view.ActiveArm, view.Epoch, fromNotification);
                    Changed?.Invoke(advanced);
                }

                return true;
            }
        }
    }

    private ISwitchoverGrain Pointer(string service, string region) =>
        _client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));

    private async Task RefreshTickAsync()
    {
        // Skip a tick rather than pile up refreshes behind a slow cluster.
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            await RefreshAllAsync();
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "{Service}/{Region} now {Arm} at epoch {Epoch} (notification: {FromNotification})")]
    private static partial void LogAdvanced(ILogger logger, string service, string region, Arm arm, long epoch, bool fromNotification);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Periodic re-read of {Service}/{Region} failed; serving the cached arm")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string service, string region);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Flip stream error for {Service}/{Region}; the periodic re-read will cover it")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string service, string region);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Unsubscribing from a flip stream failed during dispose")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
