using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Coordinator.Observability;

/// <summary>
/// The values an observable gauge reports: one per key, set by the grain activation that owns the key
/// and removed when that activation ends, so a silo reports only what it hosts and a grain that moved
/// leaves no stale value behind. Removal by another activation of the same key (two can run briefly) is ignored.
/// </summary>
internal sealed class LatestValues<T>
    where T : struct
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public void Set(object owner, string key, T value, KeyValuePair<string, object?>[] tags) =>
        _entries[key] = new Entry(owner, value, tags);

    public void Remove(object owner, string key)
    {
        if (_entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.Owner, owner))
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }
    }

    public IEnumerable<Measurement<T>> Observe() => _entries.Values.Select(e => new Measurement<T>(e.Value, e.Tags)).ToList();

    private sealed record Entry(object Owner, T Value, KeyValuePair<string, object?>[] Tags);
}
