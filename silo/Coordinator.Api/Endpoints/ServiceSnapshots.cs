using System.Collections.Concurrent;
using Coordinator.Operations.Regions;

namespace Coordinator.Api.Endpoints;

/// <summary>
/// The confirmed state of a service's regions, read at most once per <see cref="MaxAge"/> per silo
/// however many event streams follow it: a hundred followers cost the grains what one does. A
/// follower's own cursor keeps its epochs from going back, so a snapshot a few milliseconds old is safe.
/// </summary>
public sealed class ServiceSnapshots(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);

    /// <summary>Every registered region of <paramref name="service"/>, as storage confirmed it at most <see cref="MaxAge"/> ago.</summary>
    public Task<IReadOnlyList<ActiveArmView>> GetAsync(string service)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            var current = _snapshots.GetValueOrDefault(service);
            if (current is not null && now - current.TakenAt < MaxAge)
            {
                return current.Read.Value;
            }

            // One reader per service refreshes; the others take what it reads.
            var fresh = new Snapshot(now, new Lazy<Task<IReadOnlyList<ActiveArmView>>>(() => RegionOperations.StatusAsync(grains, service)));
            if (current is null ? _snapshots.TryAdd(service, fresh) : _snapshots.TryUpdate(service, fresh, current))
            {
                return fresh.Read.Value;
            }
        }
    }

    private sealed record Snapshot(DateTimeOffset TakenAt, Lazy<Task<IReadOnlyList<ActiveArmView>>> Read);
}
