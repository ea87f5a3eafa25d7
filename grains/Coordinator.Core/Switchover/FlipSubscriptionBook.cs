using Coordinator.Domain;

namespace Coordinator.Switchover;

/// <summary>
/// Who follows which regions of one service, and until when. A subscription expires
/// <see cref="Lifetime"/> after its last renewal; a renewal adds regions to a live subscription and
/// starts an expired one afresh. Time is a parameter; not thread-safe (one grain owns it).
/// </summary>
public sealed class FlipSubscriptionBook<TSubscriber>(TimeSpan lifetime)
    where TSubscriber : notnull
{
    private readonly Dictionary<TSubscriber, Subscription> _subscriptions = [];
    private readonly Dictionary<string, HashSet<TSubscriber>> _byRegion = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public TimeSpan Lifetime { get; } = lifetime > TimeSpan.Zero ? lifetime : throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "must be positive");

    /// <summary>Subscriptions held, expired ones not yet swept included.</summary>
    public int Count => _subscriptions.Count;

    /// <summary>
    /// Adds <paramref name="regions"/> to <paramref name="subscriber"/>'s subscription and renews it until
    /// <paramref name="now"/> + <see cref="Lifetime"/>. Refuses (changing nothing) bad names and more than
    /// <see cref="Limits.MaxFollowedRegions"/> regions in all.
    /// </summary>
    /// <returns>Whether the subscription was live before: false means notices may have been missed.</returns>
    public bool Subscribe(TSubscriber subscriber, IReadOnlyList<string> regions, DateTimeOffset now)
    {
        NameRules.ThrowIfAny(FlipPush.CheckRegions(regions));
        Sweep(now);
        var wasLive = _subscriptions.TryGetValue(subscriber, out var held) && held.IsLiveAt(now);
        IReadOnlySet<string> kept = wasLive ? held!.Regions : new HashSet<string>();
        var total = kept.Count + regions.Distinct(StringComparer.Ordinal).Count(r => !kept.Contains(r));
        if (total > Limits.MaxFollowedRegions)
        {
            throw new InvalidInputException("regions", $"a subscriber may follow at most {Limits.MaxFollowedRegions:N0} regions of a service ({total:N0} with these)");
        }

        if (!wasLive)
        {
            Remove(subscriber);
            held = new Subscription();
            _subscriptions[subscriber] = held;
        }

        foreach (var region in regions)
        {
            if (held!.Regions.Add(region))
            {
                if (!_byRegion.TryGetValue(region, out var followers))
                {
                    followers = [];
                    _byRegion[region] = followers;
                }

                followers.Add(subscriber);
            }
        }

        held!.ExpiresAt = now + Lifetime;
        return wasLive;
    }

    /// <summary>Drops <paramref name="subscriber"/>'s subscription; false when it had none.</summary>
    public bool Unsubscribe(TSubscriber subscriber) => Remove(subscriber);

    /// <summary>The subscribers whose live subscription follows <paramref name="region"/>.</summary>
    public IReadOnlyList<TSubscriber> Following(string region, DateTimeOffset now)
    {
        Sweep(now);
        return _byRegion.TryGetValue(region, out var followers)
            ? followers.Where(s => _subscriptions[s].IsLiveAt(now)).ToList()
            : [];
    }

    /// <summary>
    /// Drops expired subscriptions, at most once per quarter <see cref="Lifetime"/> so a busy notifier
    /// does not scan its whole book on every call; <see cref="Following"/> skips expired ones regardless.
    /// </summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + (Lifetime / 4);
        foreach (var expired in _subscriptions.Where(s => !s.Value.IsLiveAt(now)).Select(s => s.Key).ToList())
        {
            Remove(expired);
        }
    }

    private bool Remove(TSubscriber subscriber)
    {
        if (!_subscriptions.Remove(subscriber, out var held))
        {
            return false;
        }

        foreach (var region in held.Regions)
        {
            if (_byRegion.TryGetValue(region, out var followers) && followers.Remove(subscriber) && followers.Count == 0)
            {
                _byRegion.Remove(region);
            }
        }

        return true;
    }

    private sealed class Subscription
    {
        public HashSet<string> Regions { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset ExpiresAt { get; set; }

        public bool IsLiveAt(DateTimeOffset now) => now < ExpiresAt;
    }
}
