using Coordinator.Consumers;
using Coordinator.Fences;

namespace Coordinator.Core.Tests.Consumers;

public sealed class LedgerCompactionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConsumerPointerOptions Options = new() { LedgerSegmentSize = 16, LedgerMaxEntries = 100, LedgerRetention = TimeSpan.FromHours(1) };

    private static ConsumerPointerState WithOpen(ConsumerPointerState state, int count, DateTimeOffset at, string prefix = "k")
    {
        var open = state.OpenLedger;
        for (var i = 0; i < count; i++)
        {
            var key = $"{prefix}{i}";
            open = open.Add(key, new LedgerEntry(key, "sha256:p", 0, i, at));
        }

        return state with { OpenLedger = open };
    }

    private static int _ids;

    private static string NewId() => $"seg-{Interlocked.Increment(ref _ids)}";

    [Fact]
    public void A_full_open_segment_is_sealed_with_all_its_entries_and_the_state_keeps_only_a_reference()
    {
        var state = WithOpen(new ConsumerPointerState(), 16, T0);

        var plan = LedgerCompaction.Compact(state, T0, Options, NewId);

        var sealedRef = Assert.IsType<LedgerSegmentRef>(plan.Sealed);
        Assert.Equal(16, sealedRef.Count);
        Assert.Equal(16, plan.SealedEntries.Count);
        Assert.Empty(plan.Next.OpenLedger);
        Assert.Equal([sealedRef], plan.Next.SealedSegments);
        Assert.Equal(16, LedgerCompaction.KeyCount(plan.Next));
    }

    [Fact]
    public void Nothing_changes_while_the_open_segment_has_room_and_nothing_expired()
    {
        var state = WithOpen(new ConsumerPointerState(), 15, T0);
        var plan = LedgerCompaction.Compact(state, T0.AddMinutes(59), Options, NewId);
        Assert.Same(state, plan.Next);
        Assert.Null(plan.Sealed);
    }

    [Fact]
    public void Segments_past_retention_expire_whole_without_counting_as_evictions()
    {
        var state = LedgerCompaction.Compact(WithOpen(new ConsumerPointerState(), 16, T0), T0, Options, NewId).Next;
        state = WithOpen(state, 3, T0.AddMinutes(50), "fresh");

        var plan = LedgerCompaction.Compact(state, T0.AddMinutes(61), Options, NewId);

        Assert.Single(plan.Dropped);
        Assert.Equal(0, plan.Evicted);
        Assert.Empty(plan.Next.SealedSegments);
        Assert.Equal(3, LedgerCompaction.KeyCount(plan.Next));
    }

    [Fact]
    public void Past_the_size_bound_a_fail_open_ledger_evicts_the_oldest_segments_and_counts_them()
    {
        var state = new ConsumerPointerState { LedgerPolicy = LedgerPolicy.FailOpen };
        for (var s = 0; s < 7; s++)
        {
            state = LedgerCompaction.Compact(WithOpen(state, 16, T0.AddSeconds(s), $"s{s}-"), T0.AddSeconds(s), Options, NewId).Next;
        }

        // 7 x 16 = 112 keys > 100: the oldest segment goes.
        Assert.Equal(6, state.SealedSegments.Count);
        Assert.Equal(16, state.Counters.LedgerEvictions);
        Assert.Equal(96, LedgerCompaction.KeyCount(state));
    }

    [Fact]
    public void Past_the_size_bound_a_fail_closed_ledger_keeps_every_segment_and_evicts_nothing()
    {
        var state = new ConsumerPointerState();
        for (var s = 0; s < 7; s++)
        {
            state = LedgerCompaction.Compact(WithOpen(state, 16, T0.AddSeconds(s), $"s{s}-"), T0.AddSeconds(s), Options, NewId).Next;
        }

        Assert.Equal(LedgerPolicy.FailClosed, state.LedgerPolicy);
        Assert.Equal(7, state.SealedSegments.Count);
        Assert.Equal(0, state.Counters.LedgerEvictions);
        Assert.Equal(112, LedgerCompaction.KeyCount(state));

        // Retention still applies: past it the segments expire whole, fail-closed or not.
        var expired = LedgerCompaction.Compact(state, T0.AddHours(2), Options, NewId);
        Assert.Equal(7, expired.Dropped.Count);
        Assert.Equal(0, expired.Evicted);
    }

    [Fact]
    public void Expired_open_entries_are_dropped()
    {
        var state = WithOpen(new ConsumerPointerState(), 5, T0);
        var plan = LedgerCompaction.Compact(state, T0.AddHours(2), Options, NewId);
        Assert.Empty(plan.Next.OpenLedger);
        Assert.Null(plan.Sealed);
    }

    [Fact]
    public void Options_report_every_problem()
    {
        var failures = new ConsumerPointerOptions { LedgerRetention = TimeSpan.Zero, LedgerMaxEntries = 10, InstanceTimeout = TimeSpan.FromHours(1), LedgerSegmentSize = 5 }.Validate();
        Assert.Equal(4, failures.Count);
    }
}
