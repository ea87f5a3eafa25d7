using Coordinator.Fences;
using Orleans.Streams;

namespace Coordinator.Client.Fences;

/// <summary>One lease as a sink guard knows it: a rising floor and at most one cached valid token.</summary>
internal sealed class LeaseCacheEntry
{
    private readonly object _gate = new();
    private Task? _start;
    private long _floor;
    private long _validToken;
    private DateTimeOffset _validUntil;

    public StreamSubscriptionHandle<LeaseChanged>? Subscription { get; set; }

    /// <summary>An answer without asking the lease, or null when the lease must be asked.</summary>
    public LeaseValidity? TryAnswer(long token, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (token < _floor)
            {
                return LeaseValidity.Stale;
            }

            return token == _validToken && now < _validUntil ? LeaseValidity.Valid : null;
        }
    }

    /// <summary>Folds in the lease's answer for <paramref name="token"/>.</summary>
    public void Learn(long token, LeaseValidation validation, DateTimeOffset now, TimeSpan cacheFor)
    {
        lock (_gate)
        {
            // Everything below the latest grant is superseded for good, and a token refused as expired,
            // stale or frozen (revoked) never becomes valid again.
            var floor = validation.LatestFencingToken;
            if (validation.Validity is not LeaseValidity.Valid && token >= floor)
            {
                floor = token + 1;
            }

            RaiseFloor(floor);
            if (validation.Validity == LeaseValidity.Valid && token >= _floor && cacheFor > TimeSpan.Zero)
            {
                _validToken = token;
                var until = now + cacheFor;
                _validUntil = validation.ValidUntil is { } expiry && expiry < until ? expiry : until;
            }
            else if (_validToken <= token)
            {
                _validToken = 0;
            }
        }
    }

    /// <summary>Folds in a change notice: a new grant, a release, a freeze or an unfreeze.</summary>
    public void Learn(LeaseChanged change, DateTimeOffset now, TimeSpan cacheFor)
    {
        lock (_gate)
        {
            RaiseFloor(change.ValidToken ?? change.LatestFencingToken + 1);
            if (change.ValidToken is { } valid && valid == _validToken && change.ValidUntil is { } until)
            {
                var capped = now + cacheFor;
                _validUntil = until < capped ? until : capped;
            }
        }
    }

    public Task StartOnceAsync(Func<Task> start)
    {
        lock (_gate)
        {
            if (_start is null || _start.IsFaulted || _start.IsCanceled)
            {
                _start = start();
            }

            return _start;
        }
    }

    private void RaiseFloor(long floor)
    {
        if (floor > _floor)
        {
            _floor = floor;
            if (_validToken < _floor)
            {
                _validToken = 0;
            }
        }
    }
}
