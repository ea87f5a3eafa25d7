using System.Collections.Concurrent;
using Coordinator.Campaigns;
using Coordinator.Fences;

namespace Coordinator.Api.Views;

/// <summary>A service's regions on this silo, and one signal for the event streams that follow them all.</summary>
internal sealed class ServiceView(string name)
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastUsed;
    private int _followers;

    public string Name { get; } = name;

    public ConcurrentDictionary<string, RegionCell> Regions { get; } = new(StringComparer.Ordinal);

    /// <summary>Each campaign's latest change seen on the service's campaign stream since this silo followed it.</summary>
    public ConcurrentDictionary<string, CampaignChange> Campaigns { get; } = new(StringComparer.Ordinal);

    /// <summary>Each lease's latest change (key: region, writer) seen on its lease stream since this silo followed it.</summary>
    public ConcurrentDictionary<(string Region, string Writer), LeaseChanged> Leases { get; } = new();

    /// <summary>Stream subscriptions (the campaign stream, one per lease), kept to unsubscribe when the silo stops.</summary>
    public ConcurrentDictionary<string, Func<Task>> Unsubscribes { get; } = new(StringComparer.Ordinal);

    /// <summary>The service's directory, read once before the first follower is served.</summary>
    public Task? DirectoryRead { get; set; }

    /// <summary>Set (under the view's lock) when the service is let go; nothing may start on it after that.</summary>
    public bool Released { get; set; }

    /// <summary>When a caller last read the service (a <see cref="TimeProvider"/> timestamp).</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    /// <summary>Event streams following the service now; it is never let go while one is open.</summary>
    public int Followers => Volatile.Read(ref _followers);

    public void Touch(long timestamp) => Volatile.Write(ref _lastUsed, timestamp);

    public void AddFollower() => Interlocked.Increment(ref _followers);

    public void RemoveFollower() => Interlocked.Decrement(ref _followers);

    /// <summary>Completes when anything of the service next changes; take it before reading the state.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public void Signal() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Keeps the change unless an equal or newer version is already here.</summary>
    public void Apply(CampaignChange change)
    {
        var kept = Campaigns.AddOrUpdate(change.CampaignId, change, (_, seen) => change.Version > seen.Version ? change : seen);
        if (ReferenceEquals(kept, change))
        {
            Signal();
        }
    }

    /// <summary>Keeps the change unless it names a lower fencing token (notices of one lease arrive in order).</summary>
    public void Apply(string region, string writer, LeaseChanged change)
    {
        var kept = Leases.AddOrUpdate((region, writer), change, (_, seen) => change.LatestFencingToken >= seen.LatestFencingToken ? change : seen);
        if (ReferenceEquals(kept, change))
        {
            Signal();
        }
    }

    /// <summary>Every region read so far, as last learned.</summary>
    public IEnumerable<ActiveArmView> Views() => Regions.Values.Select(c => c.View).OfType<ActiveArmView>();
}
