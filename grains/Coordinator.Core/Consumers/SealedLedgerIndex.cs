namespace Coordinator.Consumers;

/// <summary>
/// The in-memory index over a pointer's sealed ledger segments: every sealed key as a fingerprint in
/// a <see cref="LedgerFilter"/>, and the entries of the most recently used segments. The segments
/// themselves stay in storage; a filter hit on a segment that is not cached is loaded by the caller
/// (<see cref="Missing"/>, then <see cref="Load"/>) before the commit is decided.
/// </summary>
public sealed class SealedLedgerIndex(int cachedSegments = SealedLedgerIndex.DefaultCachedSegments) : ILedgerIndex
{
    /// <summary>Segments whose entries stay in memory (about 16k keys at 256 keys a segment).</summary>
    public const int DefaultCachedSegments = 64;

    private readonly LedgerFilter _filter = new();
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _ids = [];
    private readonly Dictionary<int, LinkedListNode<(int Ordinal, Dictionary<string, LedgerEntry> Entries)>> _cached = [];
    private readonly LinkedList<(int Ordinal, Dictionary<string, LedgerEntry> Entries)> _recent = new();
    private readonly List<int> _candidates = [];
    private int _nextOrdinal;

    /// <summary>Keys held by live segments.</summary>
    public long KeyCount => _filter.Count;

    /// <summary>Live segments.</summary>
    public int SegmentCount => _ordinals.Count;

    /// <summary>Bytes of the filter (the cache holds at most <c>cachedSegments</c> segments' entries on top).</summary>
    public long FilterBytes => _filter.MemoryBytes;

    public LedgerEntry? Find(string key)
    {
        List<string>? missing = null;
        foreach (var ordinal in CandidatesOf(key))
        {
            if (!_cached.TryGetValue(ordinal, out var node))
            {
                (missing ??= []).Add(_ids[ordinal]);
                continue;
            }

            Touch(node);
            if (node.Value.Entries.TryGetValue(key, out var entry))
            {
                return entry;
            }
        }

        return missing is null ? null : throw new LedgerSegmentsNotLoadedException(missing);
    }

    /// <summary>Segments that may hold <paramref name="key"/> and must be loaded before it is decided.</summary>
    public IReadOnlyList<string> Missing(string key) =>
        [.. CandidatesOf(key).Where(o => !_cached.ContainsKey(o)).Select(o => _ids[o])];

    /// <summary>A segment just sealed (<paramref name="cache"/>: its entries are at hand) or read on activation.</summary>
    public void Add(string segmentId, IReadOnlyList<LedgerEntry> entries, bool cache = true)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (_ordinals.ContainsKey(segmentId))
        {
            return;
        }

        var ordinal = _nextOrdinal++;
        _ordinals[segmentId] = ordinal;
        _ids[ordinal] = segmentId;
        _filter.Add(ordinal, [.. entries.Select(e => e.Key)]);
        if (cache)
        {
            Cache(ordinal, entries);
        }
    }

    /// <summary>Entries read from storage for a segment <see cref="Missing"/> named.</summary>
    public void Load(string segmentId, IReadOnlyList<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (_ordinals.TryGetValue(segmentId, out var ordinal) && !_cached.ContainsKey(ordinal))
        {
            Cache(ordinal, entries);
        }
    }

    public void Remove(string segmentId)
    {
        if (!_ordinals.Remove(segmentId, out var ordinal))
        {
            return;
        }

        _ids.Remove(ordinal);
        _filter.Drop(ordinal);
        if (_cached.Remove(ordinal, out var node))
        {
            _recent.Remove(node);
        }
    }

    private List<int> CandidatesOf(string key)
    {
        _candidates.Clear();
        _filter.Candidates(key, _candidates);
        return _candidates;
    }

    private void Cache(int ordinal, IReadOnlyList<LedgerEntry> entries)
    {
        var byKey = new Dictionary<string, LedgerEntry>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            byKey[entry.Key] = entry;
        }

        _cached[ordinal] = _recent.AddFirst((ordinal, byKey));
        while (_cached.Count > Math.Max(cachedSegments, 1))
        {
            var oldest = _recent.Last!;
            _recent.RemoveLast();
            _cached.Remove(oldest.Value.Ordinal);
        }
    }

    private void Touch(LinkedListNode<(int Ordinal, Dictionary<string, LedgerEntry> Entries)> node)
    {
        if (node != _recent.First)
        {
            _recent.Remove(node);
            _recent.AddFirst(node);
        }
    }
}

/// <summary>A key's candidate segments are in storage, not in memory: load them and decide again.</summary>
public sealed class LedgerSegmentsNotLoadedException(IReadOnlyList<string> segmentIds)
    : Exception($"ledger segments not loaded: {string.Join(", ", segmentIds)}")
{
    public IReadOnlyList<string> SegmentIds { get; } = segmentIds;
}
