using Coordinator.Consumers;

namespace Coordinator.Core.Tests.Consumers;

public sealed class LedgerSegmentChangesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static LedgerSegmentRef Seg(string id) => new(id, 16, T0);

    private static string[] Ids(IEnumerable<LedgerSegmentRef> segments) => [.. segments.Select(s => s.Id)];

    [Fact]
    public void The_same_list_has_no_changes()
    {
        IReadOnlyList<LedgerSegmentRef> list = [Seg("a"), Seg("b")];
        Assert.True(LedgerSegmentChanges.Between(list, list).IsEmpty);
    }

    [Fact]
    public void Oldest_segments_dropped_and_new_ones_sealed_are_told_apart()
    {
        var a = Seg("a");
        var b = Seg("b");
        var c = Seg("c");

        var changes = LedgerSegmentChanges.Between([a, b, c], [c, Seg("d"), Seg("e")]);

        Assert.Equal(["a", "b"], Ids(changes.Removed));
        Assert.Equal(["d", "e"], Ids(changes.Added));
    }

    [Fact]
    public void A_state_read_back_from_storage_is_compared_by_id_not_by_instance()
    {
        // Another activation's write: new records for the same segments, plus its own seal.
        IReadOnlyList<LedgerSegmentRef> mine = [Seg("a"), Seg("b")];
        IReadOnlyList<LedgerSegmentRef> readBack = [Seg("a"), Seg("b"), Seg("theirs")];

        var changes = LedgerSegmentChanges.Between(mine, readBack);

        Assert.Empty(changes.Removed);
        Assert.Equal(["theirs"], Ids(changes.Added));
    }

    [Fact]
    public void Everything_dropped_or_everything_new()
    {
        Assert.Equal(["a", "b"], Ids(LedgerSegmentChanges.Between([Seg("a"), Seg("b")], []).Removed));
        Assert.Equal(["a", "b"], Ids(LedgerSegmentChanges.Between([], [Seg("a"), Seg("b")]).Added));

        var replaced = LedgerSegmentChanges.Between([Seg("a")], [Seg("x"), Seg("y")]);
        Assert.Equal(["a"], Ids(replaced.Removed));
        Assert.Equal(["x", "y"], Ids(replaced.Added));
    }

    [Fact]
    public void Any_other_shape_is_still_a_correct_difference()
    {
        // A segment missing from the middle: not a drop from the front, so the set difference answers.
        var changes = LedgerSegmentChanges.Between([Seg("a"), Seg("b"), Seg("c")], [Seg("a"), Seg("c"), Seg("d")]);

        Assert.Equal(["b"], Ids(changes.Removed));
        Assert.Equal(["d"], Ids(changes.Added));

        // Reordered: nothing was dropped or added, so nothing may be cleared.
        Assert.True(LedgerSegmentChanges.Between([Seg("a"), Seg("b")], [Seg("b"), Seg("a")]).IsEmpty);
    }
}
