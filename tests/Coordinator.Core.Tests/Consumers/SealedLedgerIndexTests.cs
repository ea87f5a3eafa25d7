using Coordinator.Consumers;

namespace Coordinator.Core.Tests.Consumers;

public sealed class SealedLedgerIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static LedgerEntry[] Segment(string prefix, int count = 16) =>
        [.. Enumerable.Range(0, count).Select(i => new LedgerEntry($"{prefix}-{i}", "sha256:p", 0, i, T0))];

    [Fact]
    public void A_just_sealed_segment_answers_from_memory()
    {
        var index = new SealedLedgerIndex();
        index.Add("seg-a", Segment("a"));

        Assert.Equal(5, index.Find("a-5")!.CommittedOffset);
        Assert.Null(index.Find("never-seen"));
        Assert.Empty(index.Missing("a-5"));
    }

    [Fact]
    public void A_hit_on_a_segment_not_in_memory_asks_for_it_and_answers_once_it_is_loaded()
    {
        var index = new SealedLedgerIndex(cachedSegments: 2);
        var old = Segment("old");
        index.Add("seg-old", old);
        index.Add("seg-b", Segment("b"));
        index.Add("seg-c", Segment("c"));

        // Pushed out of the cache: the filter still knows the key may be there, so it is never "new".
        Assert.Equal(["seg-old"], index.Missing("old-3"));
        var refused = Assert.Throws<LedgerSegmentsNotLoadedException>(() => index.Find("old-3"));
        Assert.Equal(["seg-old"], refused.SegmentIds);

        index.Load("seg-old", old);
        Assert.Equal(3, index.Find("old-3")!.CommittedOffset);
        Assert.Empty(index.Missing("old-3"));
    }

    [Fact]
    public void Segments_read_on_activation_without_caching_are_loaded_on_demand()
    {
        var index = new SealedLedgerIndex();
        index.Add("seg-a", Segment("a"), cache: false);

        Assert.Null(index.Find("not-there"));
        Assert.Throws<LedgerSegmentsNotLoadedException>(() => index.Find("a-1"));
        Assert.Equal(1, index.SegmentCount);
        Assert.Equal(16, index.KeyCount);
    }

    [Fact]
    public void A_removed_segment_forgets_its_keys_and_a_late_load_of_it_is_ignored()
    {
        var index = new SealedLedgerIndex();
        var a = Segment("a");
        index.Add("seg-a", a);
        index.Remove("seg-a");

        Assert.Null(index.Find("a-1"));
        index.Load("seg-a", a);
        Assert.Null(index.Find("a-1"));
        Assert.Equal(0, index.KeyCount);
    }
}
