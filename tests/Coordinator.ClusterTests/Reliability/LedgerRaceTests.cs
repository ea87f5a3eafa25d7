using Coordinator.Domain;
using Coordinator.Client.Fences;
using Coordinator.Consumers;
using Coordinator.Fences;
using Coordinator.Grains;
using Coordinator.Grains.Segments;

namespace Coordinator.ClusterTests.Reliability;

/// <summary>
/// A consumer pointer whose state another activation writes in between (a duplicate activation, as
/// Orleans allows briefly): its next write loses the ETag race, it reads the state back and decides
/// again. Nothing the other activation committed may be accepted twice, and nothing it wrote for the
/// lost write may be left in storage that no state names.
/// </summary>
[Collection(HeldWriteCollection.Name)]
public sealed class LedgerRaceTests(HeldWriteClusterFixture fixture)
{
    private const string Blue = "consumer-blue";
    private static readonly ConsumerPointerOptions Ledger = new();

    private async Task<(string Fence, IConsumerPointerGrain Pointer, StoredState<ConsumerPointerState> Stored)> NewPointer()
    {
        var fence = FenceKey.Format(Fixtures.Service, Fixtures.NewRegion(), "orders");
        var pointer = fixture.Client.GetGrain<IConsumerPointerGrain>(fence);
        await pointer.ConfigureAsync(Blue, 1, "alice");
        return (fence, pointer, StoredState<ConsumerPointerState>.Of(fixture.Cluster, "consumers", pointer.GetGrainId()));
    }

    private static CommitRequest Commit(string key, long offset) => new()
    {
        Partition = 0, Offset = offset, IdempotencyKey = key, PayloadHash = IdempotencyKeys.PayloadHash(key), Token = 1, ConsumerVer = Blue,
    };

    private StoredState<SegmentState<LedgerEntry>> StoredSegment(string id) =>
        StoredState<SegmentState<LedgerEntry>>.Of(fixture.Cluster, "segment", fixture.Client.GetGrain<ISegmentGrain<LedgerEntry>>(id).GetGrainId());

    [Fact]
    public async Task Keys_another_activation_sealed_are_duplicates_here_after_the_conflict()
    {
        var (fence, pointer, stored) = await NewPointer();
        Assert.Equal(CommitOutcome.Accepted, (await pointer.CommitAsync(Commit("mine", 1))).Outcome);

        // The other activation commits a full segment's worth of keys, seals them and saves.
        var now = DateTimeOffset.UtcNow;
        var other = await stored.ReadAsync();
        var working = other.State!;
        for (var i = 0; i < Ledger.LedgerSegmentSize; i++)
        {
            working = ConsumerPointerRules.Commit(working, Commit($"theirs-{i}", 100 + i), now, EmptyIndex.Instance, AuditKey.DemoNotSecret, Ledger).Next!;
        }

        var plan = LedgerCompaction.Compact(working, now, Ledger, () => $"{fence}/another-activation");
        await fixture.Client.GetGrain<ISegmentGrain<LedgerEntry>>(plan.Sealed!.Id).WriteAsync(plan.SealedEntries);
        other.State = plan.Next;
        await stored.WriteAsync(other);
        var theirs = await stored.StateAsync();
        Assert.Equal([$"{fence}/another-activation"], theirs.SealedSegments.Select(s => s.Id));
        Assert.DoesNotContain("theirs-7", theirs.OpenLedger.Keys);

        // A redelivery of one of their keys reaches this activation, whose state and index predate them.
        var replay = await pointer.CommitAsync(Commit("theirs-7", 107));

        Assert.Equal(CommitOutcome.Duplicate, replay.Outcome);
        Assert.Equal(107, replay.CommittedOffset);
        var status = await pointer.GetStatusAsync();
        Assert.Equal((Ledger.LedgerSegmentSize + 1L, 1L), (status.Counters.SideEffectsAccepted, status.Counters.DedupeHits));
        Assert.Equal(CommitOutcome.Duplicate, (await pointer.CommitAsync(Commit("mine", 1))).Outcome);
    }

    [Fact]
    public async Task A_seal_whose_state_write_lost_the_race_leaves_no_segment_behind()
    {
        var (fence, pointer, stored) = await NewPointer();
        for (var i = 0; i < Ledger.LedgerSegmentSize - 1; i++)
        {
            Assert.Equal(CommitOutcome.Accepted, (await pointer.CommitAsync(Commit($"k-{i}", i + 1))).Outcome);
        }

        Assert.Empty(SegmentStorageLog.WrittenUnder(fence));

        // Another activation saves a heartbeat; this activation's next commit fills the open segment,
        // seals it into a segment grain and then loses the state write.
        await stored.ChangeAsync(state => ConsumerPointerRules.Heartbeat(state, "other-pod", Blue, false, DateTimeOffset.UtcNow, Ledger, AuditKey.DemoNotSecret).Next!);
        var last = await pointer.CommitAsync(Commit($"k-{Ledger.LedgerSegmentSize - 1}", Ledger.LedgerSegmentSize));
        Assert.Equal(CommitOutcome.Accepted, last.Outcome);

        var state = await stored.StateAsync();
        var named = Assert.Single(state.SealedSegments);
        Assert.Equal(Ledger.LedgerSegmentSize, named.Count);
        Assert.Contains("other-pod", state.Instances.Keys);

        // Two seals were written: the lost one, then the one the re-decided write names.
        var written = SegmentStorageLog.WrittenUnder(fence);
        Assert.Equal(2, written.Count);
        Assert.Equal(named.Id, written[1]);
        await Poll.UntilAsync(
            () => StoredSegment(written[0]).ExistsAsync(),
            exists => !exists,
            $"the lost seal's segment {written[0]} to be cleared from storage");
        Assert.Equal(Ledger.LedgerSegmentSize, (await StoredSegment(named.Id).StateAsync()).Entries.Count);
        Assert.Equal(CommitOutcome.Duplicate, (await pointer.CommitAsync(Commit("k-0", 1))).Outcome);
    }

    [Fact]
    public async Task A_seal_whose_state_write_failed_is_cleared_once_storage_moved_past_it_without_a_command()
    {
        var (fence, pointer, stored) = await NewPointer();
        for (var i = 0; i < Ledger.LedgerSegmentSize - 1; i++)
        {
            Assert.Equal(CommitOutcome.Accepted, (await pointer.CommitAsync(Commit($"k-{i}", i + 1))).Outcome);
        }

        // The commit that fills the open segment seals it into a segment grain; then its state write fails.
        var held = HeldWriteStorage.Arm(s => s is ConsumerPointerState p && p.SealedSegments.Any(x => x.Id.StartsWith(fence, StringComparison.Ordinal)));
        var last = Commit($"k-{Ledger.LedgerSegmentSize - 1}", Ledger.LedgerSegmentSize);
        var commit = pointer.CommitAsync(last);
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(15));
        held.Fail();
        var failed = await Assert.ThrowsAsync<StorageUnavailableException>(() => commit);
        Assert.Contains("outcome unknown", failed.Message, StringComparison.Ordinal);
        var lost = Assert.Single(SegmentStorageLog.WrittenUnder(fence));
        Assert.True(await StoredSegment(lost).ExistsAsync());
        Assert.Empty((await stored.StateAsync()).SealedSegments);

        // Another activation saves: storage moved past the ETag the failed write was conditioned on, so
        // that write can never land and nothing will name its segment. No command reaches this activation.
        await stored.ChangeAsync(state => ConsumerPointerRules.Heartbeat(state, "other-pod", Blue, false, DateTimeOffset.UtcNow, Ledger, AuditKey.DemoNotSecret).Next!);
        await Poll.UntilAsync(
            () => StoredSegment(lost).ExistsAsync(),
            exists => !exists,
            $"the failed seal's segment {lost} to be cleared by the pointer's re-read of its state (every {StoredStateRecheck.Period.TotalSeconds:0} s)",
            TimeSpan.FromSeconds(60));

        // The queue sends the message again: accepted once, sealed under a segment of its own.
        Assert.Equal(CommitOutcome.Accepted, (await pointer.CommitAsync(last)).Outcome);
        var named = Assert.Single((await stored.StateAsync()).SealedSegments);
        Assert.NotEqual(lost, named.Id);
        Assert.Equal(CommitOutcome.Duplicate, (await pointer.CommitAsync(last)).Outcome);
    }

    [Fact]
    public async Task Keys_another_activation_sealed_are_read_into_the_index_by_the_re_read_before_any_command()
    {
        var (fence, pointer, stored) = await NewPointer();
        Assert.Equal(CommitOutcome.Accepted, (await pointer.CommitAsync(Commit("mine", 1))).Outcome);

        var now = DateTimeOffset.UtcNow;
        var other = await stored.ReadAsync();
        var working = other.State!;
        for (var i = 0; i < Ledger.LedgerSegmentSize; i++)
        {
            working = ConsumerPointerRules.Commit(working, Commit($"theirs-{i}", 100 + i), now, EmptyIndex.Instance, AuditKey.DemoNotSecret, Ledger).Next!;
        }

        var plan = LedgerCompaction.Compact(working, now, Ledger, () => $"{fence}/sealed-elsewhere");
        var segment = fixture.Client.GetGrain<ISegmentGrain<LedgerEntry>>(plan.Sealed!.Id);
        await segment.WriteAsync(plan.SealedEntries);
        await fixture.Cluster.DeactivateAsync(segment.GetGrainId());
        other.State = plan.Next;
        await stored.WriteAsync(other);
        var readsBefore = SegmentStorageLog.ReadUnder(plan.Sealed.Id).Count;

        await Poll.UntilAsync(
            () => Task.FromResult(SegmentStorageLog.ReadUnder(plan.Sealed.Id).Count > readsBefore),
            $"the pointer's re-read of its state (every {StoredStateRecheck.Period.TotalSeconds:0} s) to read the other activation's sealed segment",
            TimeSpan.FromSeconds(60));
        var status = await pointer.GetStatusAsync();
        Assert.Equal(Ledger.LedgerSegmentSize + 1L, status.Counters.SideEffectsAccepted);
        Assert.Equal(CommitOutcome.Duplicate, (await pointer.CommitAsync(Commit("theirs-7", 107))).Outcome);
    }

    [Fact]
    public async Task A_reactivated_pointer_answers_queries_while_it_reads_its_segments_and_judges_no_key_before()
    {
        var (fence, pointer, stored) = await NewPointer();
        for (var i = 0; i < Ledger.LedgerSegmentSize; i++)
        {
            Assert.Equal(CommitOutcome.Accepted, (await pointer.CommitAsync(Commit($"k-{i}", i + 1))).Outcome);
        }

        // Both gone from memory, as after a silo restart: the segment is read from storage again.
        var segment = Assert.Single((await stored.StateAsync()).SealedSegments);
        await fixture.Cluster.DeactivateAsync(pointer.GetGrainId());
        await fixture.Cluster.DeactivateAsync(fixture.Client.GetGrain<ISegmentGrain<LedgerEntry>>(segment.Id).GetGrainId());
        var reads = SegmentStorageLog.HoldReadsUnder(fence);

        // Millions of keys take longer to read than Orleans gives an activation: it must not wait for them.
        var status = await pointer.GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(Ledger.LedgerSegmentSize, status.Counters.LedgerKeys);

        // A replay must not be judged on the partial index (it would be accepted again).
        var replay = pointer.CommitAsync(Commit("k-3", 4));
        await pointer.GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(replay.IsCompleted, "a commit was answered while the sealed segments were still being read");

        reads.SetResult();
        var answer = await replay.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal((CommitOutcome.Duplicate, 4L), (answer.Outcome, answer.CommittedOffset));
    }

    private sealed class EmptyIndex : ILedgerIndex
    {
        public static readonly EmptyIndex Instance = new();

        public LedgerEntry? Find(string key) => null;
    }
}
