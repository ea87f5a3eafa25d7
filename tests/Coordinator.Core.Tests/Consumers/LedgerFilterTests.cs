using Coordinator.Consumers;

namespace Coordinator.Core.Tests.Consumers;

public sealed class LedgerFilterTests
{
    private static string[] Keys(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i}")];

    private static List<int> Candidates(LedgerFilter filter, string key)
    {
        var found = new List<int>();
        filter.Candidates(key, found);
        return found;
    }

    [Fact]
    public void Every_added_key_names_its_segment_and_keys_never_added_almost_never_do()
    {
        var filter = new LedgerFilter();
        for (var segment = 0; segment < 200; segment++)
        {
            filter.Add(segment, Keys($"s{segment}", 256));
        }

        Assert.Equal(200 * 256, filter.Count);
        for (var segment = 0; segment < 200; segment += 17)
        {
            Assert.Contains(segment, Candidates(filter, $"s{segment}-{segment % 256}"));
        }

        // 32-bit fingerprints: 100k strangers against 51k keys should find at most a handful.
        var falseHits = Keys("stranger", 100_000).Count(k => Candidates(filter, k).Count > 0);
        Assert.True(falseHits <= 5, $"{falseHits} false candidates in 100,000 look-ups");
    }

    [Fact]
    public void A_dropped_segment_is_no_longer_a_candidate_and_its_slots_are_swept_as_the_table_fills()
    {
        var filter = new LedgerFilter();
        filter.Add(0, Keys("old", 1000));
        filter.Add(1, Keys("kept", 1000));
        filter.Drop(0);

        Assert.Empty(Candidates(filter, "old-3"));
        Assert.Equal([1], Candidates(filter, "kept-3"));
        Assert.Equal(1000, filter.Count);

        // Rolling through many more segments than ever live at once keeps memory at the live keys' size.
        for (var segment = 2; segment < 400; segment++)
        {
            filter.Add(segment, Keys($"r{segment}", 256));
            filter.Drop(segment - 1);
        }

        Assert.Equal(256, filter.Count);
        Assert.True(filter.MemoryBytes <= 16 * 1024 * sizeof(ulong), $"{filter.MemoryBytes} bytes for 256 live keys");
        Assert.Equal([399], Candidates(filter, "r399-7"));
        Assert.Empty(Candidates(filter, "r398-7"));
    }

    [Fact]
    public void Memory_stays_within_fourteen_bytes_a_key_as_it_grows()
    {
        var filter = new LedgerFilter();
        for (var segment = 0; segment < 2000; segment++)
        {
            filter.Add(segment, Keys($"g{segment}", 256));
        }

        Assert.True(filter.MemoryBytes <= filter.Count * 14, $"{filter.MemoryBytes} bytes for {filter.Count} keys");
        Assert.Contains(1234, Candidates(filter, "g1234-200"));
    }

    [Fact]
    public void Fingerprints_are_stable_and_never_zero()
    {
        Assert.Equal(LedgerFilter.Fingerprint("order-42"), LedgerFilter.Fingerprint("order-42"));
        Assert.NotEqual(LedgerFilter.Fingerprint("order-42"), LedgerFilter.Fingerprint("order-43"));
        Assert.NotEqual(0u, LedgerFilter.Fingerprint(""));
    }

    [Fact]
    public void A_segment_ordinal_cannot_be_added_twice()
    {
        var filter = new LedgerFilter();
        filter.Add(3, ["a"]);
        Assert.Throws<InvalidOperationException>(() => filter.Add(3, ["b"]));
    }
}
