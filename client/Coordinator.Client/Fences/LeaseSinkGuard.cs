using System.Collections.Concurrent;
using Coordinator.Fences;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Streams;

namespace Coordinator.Client.Fences;

/// <summary>
/// What a write sink calls before applying a write: is this lease token still the one that may
/// write? Answers from a short cache where it can, and learns of grants and freezes from the lease
/// stream. Per lease it keeps a floor: a token below one it has seen rejected or superseded is
/// refused without asking, and the floor only rises.
/// </summary>
public sealed partial class LeaseSinkGuard : IAsyncDisposable
{
    private readonly IClusterClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheFor;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Service, string Region, string Writer), LeaseCacheEntry> _leases = new();

    /// <summary>A guard for a write sink; one per sink process, shared by its writes.</summary>
    /// <param name="client">A connected client.</param>
    /// <param name="cacheFor">How long a Valid answer is reused without a call (default 1 s, at most 10 s, never past the lease's expiry).</param>
    /// <param name="time">Drives cache expiry; null for the system clock.</param>
    /// <param name="logger">Null for no logging.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cacheFor"/> is outside 0 to 10 s.</exception>
    public LeaseSinkGuard(IClusterClient client, TimeSpan? cacheFor = null, TimeProvider? time = null, ILogger<LeaseSinkGuard>? logger = null)
    {
        _cacheFor = cacheFor ?? TimeSpan.FromSeconds(1);
        if (_cacheFor < TimeSpan.Zero || _cacheFor > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(cacheFor), _cacheFor, "cacheFor must be between 0 and 10 seconds");
        }

        _client = client;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Checks answered from the cache without a call.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    private long _cacheHits;

    /// <summary>True only if <paramref name="token"/> may write now.</summary>
    public async ValueTask<bool> IsValidAsync(LeaseToken token) => await CheckAsync(token) == LeaseValidity.Valid;

    /// <summary>Why <paramref name="token"/> may or may not write: apply the write only on <see cref="LeaseValidity.Valid"/>.</summary>
    public ValueTask<LeaseValidity> CheckAsync(LeaseToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (_leases.TryGetValue((token.Service, token.Region, token.Writer), out var entry))
        {
            var cached = entry.TryAnswer(token.FencingToken, _time.GetUtcNow());
            if (cached is { } answer)
            {
                Interlocked.Increment(ref _cacheHits);
                return ValueTask.FromResult(answer);
            }
        }

        return new ValueTask<LeaseValidity>(AskAsync(token));
    }

    /// <summary>Unsubscribes from the lease streams; failures are logged, not thrown.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var entry in _leases.Values)
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

        _leases.Clear();
    }

    private async Task<LeaseValidity> AskAsync(LeaseToken token)
    {
        var key = token.LeaseKey;
        var entry = _leases.GetOrAdd((token.Service, token.Region, token.Writer), _ => new LeaseCacheEntry());
        await entry.StartOnceAsync(() => SubscribeAsync(entry, key));
        var validation = await _client.GetGrain<ILeaseGrain>(key).ValidateAsync(token.FencingToken);
        var now = _time.GetUtcNow();
        entry.Learn(token.FencingToken, validation, now, _cacheFor);

        // Re-check through the entry: a newer notice may have raised the floor meanwhile.
        return entry.TryAnswer(token.FencingToken, now) ?? validation.Validity;
    }

    private async Task SubscribeAsync(LeaseCacheEntry entry, string key)
    {
        var stream = _client.GetStreamProvider(FlipStream.ProviderName).GetStream<LeaseChanged>(StreamId.Create(LeaseStream.Namespace, key));
        entry.Subscription ??= await stream.SubscribeAsync(
            (change, _) =>
            {
                entry.Learn(change, _time.GetUtcNow(), _cacheFor);
                return Task.CompletedTask;
            },
            ex =>
            {
                LogStreamError(_logger, ex, key);
                return Task.CompletedTask;
            });
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Lease stream error for {Lease}; the guard falls back to its cache TTL")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string lease);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Unsubscribing from a lease stream failed during dispose")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
