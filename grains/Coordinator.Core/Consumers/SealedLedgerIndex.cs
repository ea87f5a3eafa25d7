namespace Coordinator.Consumers;

/// <summary>The in-memory index over a pointer's sealed ledger segments.</summary>
public sealed class SealedLedgerIndex : ILedgerIndex
{
    private readonly Dictionary<string, LedgerEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _segments = new(StringComparer.Ordinal);

    public LedgerEntry? Find(string key) => _entries.GetValueOrDefault(key);

    public void Add(string segmentId, IReadOnlyList<LedgerEntry> entries)
    {
        _segments[segmentId] = [.. entries.Select(e => e.Key)];
        foreach (var entry in entries)
        {
            _entries[entry.Key] = entry;
        }
    }

    public void Remove(string segmentId)
    {
        if (_segments.Remove(segmentId, out var keys))
        {
            foreach (var key in keys)
            {
                _entries.Remove(key);
            }
        }
    }
}
