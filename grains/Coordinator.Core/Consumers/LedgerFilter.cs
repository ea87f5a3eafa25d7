namespace Coordinator.Consumers;

/// <summary>
/// Which sealed segments may hold a key, in 8 bytes a slot: a 32-bit fingerprint of the key and the
/// segment's ordinal, in an open-addressed table kept at most 80% full. A miss is certain (the key
/// was never sealed); a hit is only a candidate, to be confirmed against the segment's stored keys
/// (two keys share a fingerprint about once in four billion look-ups per slot probed).
/// Dropped segments are forgotten lazily: their slots are swept when they reach a quarter of the table.
/// </summary>
public sealed class LedgerFilter
{
    private const int MinCapacity = 1024;
    private const double MaxLoad = 0.8;
    private const double RebuiltLoad = 0.6;

    private readonly Dictionary<int, int> _liveCounts = [];
    private ulong[] _slots = new ulong[MinCapacity];
    private long _used;
    private long _dead;

    /// <summary>Fingerprints held for live segments.</summary>
    public long Count => _used - _dead;

    /// <summary>Bytes the table occupies.</summary>
    public long MemoryBytes => _slots.LongLength * sizeof(ulong);

    /// <summary>Remembers <paramref name="keys"/> as held by segment <paramref name="ordinal"/>.</summary>
    public void Add(int ordinal, IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!_liveCounts.TryAdd(ordinal, keys.Count))
        {
            throw new InvalidOperationException($"segment ordinal {ordinal} is already in the filter");
        }

        EnsureRoom(keys.Count);
        foreach (var key in keys)
        {
            Insert(_slots, Slot(Fingerprint(key), ordinal));
        }

        _used += keys.Count;
    }

    /// <summary>Forgets segment <paramref name="ordinal"/>: its keys are no longer candidates.</summary>
    public void Drop(int ordinal)
    {
        if (_liveCounts.Remove(ordinal, out var count))
        {
            _dead += count;
        }
    }

    /// <summary>Adds the live segments that may hold <paramref name="key"/> to <paramref name="into"/>.</summary>
    public void Candidates(string key, List<int> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var fingerprint = Fingerprint(key);
        var slots = _slots;
        for (var i = Home(fingerprint, slots.Length); slots[i] != 0; i = Next(i, slots.Length))
        {
            if ((uint)(slots[i] >> 32) == fingerprint && _liveCounts.ContainsKey((int)(uint)slots[i]) && !into.Contains((int)(uint)slots[i]))
            {
                into.Add((int)(uint)slots[i]);
            }
        }
    }

    /// <summary>A stable, never-zero 32-bit fingerprint (FNV-1a over UTF-16, then a 64-bit finaliser).</summary>
    public static uint Fingerprint(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        var fingerprint = (uint)(hash ^ (hash >> 32));
        return fingerprint == 0 ? 1 : fingerprint;
    }

    private static ulong Slot(uint fingerprint, int ordinal) => ((ulong)fingerprint << 32) | (uint)ordinal;

    // The home slot comes from the fingerprint alone, so the table can be rebuilt without the keys.
    private static int Home(uint fingerprint, int capacity) => (int)(((ulong)(fingerprint * 0x9E3779B1u) * (ulong)capacity) >> 32);

    private static int Next(int i, int capacity) => i + 1 == capacity ? 0 : i + 1;

    private static void Insert(ulong[] slots, ulong slot)
    {
        var i = Home((uint)(slot >> 32), slots.Length);
        while (slots[i] != 0)
        {
            i = Next(i, slots.Length);
        }

        slots[i] = slot;
    }

    private void EnsureRoom(int adding)
    {
        if (_used + adding <= _slots.Length * MaxLoad)
        {
            return;
        }

        // Sweep dropped segments and size the table for the live keys at 60% full, so memory follows
        // the keys held (8 / 0.6, about 13.3 bytes a key, falling to 10 as it fills to 80%).
        var capacity = Math.Max(MinCapacity, (long)Math.Ceiling((Count + adding) / RebuiltLoad));
        Rebuild((int)Math.Min(capacity, Array.MaxLength));
    }

    private void Rebuild(int capacity)
    {
        var slots = new ulong[capacity];
        foreach (var slot in _slots)
        {
            if (slot != 0 && _liveCounts.ContainsKey((int)(uint)slot))
            {
                Insert(slots, slot);
            }
        }

        _slots = slots;
        _used -= _dead;
        _dead = 0;
    }
}
