using Coordinator.Consumers;

namespace Coordinator.Core.Tests.Consumers;

public sealed class LedgerExpiryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConsumerPointerOptions Options = new() { LedgerSegmentSize = 16, LedgerMaxEntries = 1000 };

    private static LedgerEntry[] Entries(string prefix, DateTimeOffset at) =>
        [.. Enumerable.Range(0, 16).Select(i => new LedgerEntry($"{prefix}-{i}", "sha256:p", 0, i, at))];

    /// <summary>Two sealed segments, 40 h apart, and two open keys: one as old as the first segment, one fresh.</summary>
    private static ConsumerPointerState Ledger()
    {
        var open = new ConsumerPointerState().OpenLedger
            .Add("open-old", new LedgerEntry("open-old", "sha256:p", 0, 1, T0))
            .Add("open-new", new LedgerEntry("open-new", "sha256:p", 0, 2, T0.AddHours(40)));
        var state = new ConsumerPointerState
        {
            SealedSegments = [new LedgerSegmentRef("seg-old", 16, T0), new LedgerSegmentRef("seg-new", 16, T0.AddHours(40))],
            OpenLedger = open,
        };
        return state with { Counters = state.Counters with { LedgerKeys = LedgerCompaction.KeyCount(state) } };
    }

    [Fact]
    public void Nothing_is_due_while_every_key_is_within_the_retention()
    {
        var state = Ledger();
        var now = T0 + Options.LedgerRetention;

        Assert.False(LedgerExpiry.IsDue(state, now, Options));
        Assert.Null(LedgerExpiry.Expire(state, now, Options).Next);
    }

    [Fact]
    public void Keys_past_the_retention_leave_the_state_without_any_commit()
    {
        var state = Ledger();
        var now = T0 + Options.LedgerRetention + TimeSpan.FromMinutes(1);
        Assert.True(LedgerExpiry.IsDue(state, now, Options));

        var expired = LedgerExpiry.Expire(state, now, Options);

        var next = Assert.IsType<ConsumerPointerState>(expired.Next);
        Assert.Equal(17, expired.Result);
        Assert.Equal(["seg-new"], next.SealedSegments.Select(s => s.Id));
        Assert.Equal(["open-new"], next.OpenLedger.Keys);
        Assert.Equal(17, next.Counters.LedgerKeys);
        Assert.False(LedgerExpiry.IsDue(next, now, Options));
    }

    [Fact]
    public void The_index_following_the_expired_state_forgets_only_the_expired_segment()
    {
        var state = Ledger();
        var index = new SealedLedgerIndex();
        index.Add("seg-old", Entries("old", T0));
        index.Add("seg-new", Entries("new", T0.AddHours(40)));

        var next = LedgerExpiry.Expire(state, T0 + Options.LedgerRetention + TimeSpan.FromMinutes(1), Options).Next!;
        var changes = LedgerSegmentChanges.Between(state.SealedSegments, next.SealedSegments);
        foreach (var removed in changes.Removed)
        {
            index.Remove(removed.Id);
        }

        Assert.Equal(["seg-old"], changes.Removed.Select(s => s.Id));
        Assert.Empty(changes.Added);
        Assert.Null(index.Find("old-3"));
        Assert.Empty(index.Missing("old-3"));
        Assert.Equal(3, index.Find("new-3")!.CommittedOffset);
        Assert.Equal(16, index.KeyCount);
    }
}
