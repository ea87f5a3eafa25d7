using Coordinator.ClusterTests.Reliability;
using Coordinator.Client.Fences;
using Coordinator.Consumers;
using Coordinator.Fences;
using Coordinator.Grains.Segments;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests.Consumers;

/// <summary>
/// What a consumer pointer does on its own as time passes, with no caller: a draining move fails at
/// its deadline (a reminder wakes the pointer), and sealed ledger segments past the retention leave the
/// state and storage (a periodic pass). On fake time; storage is read directly, so nothing activates
/// the pointer but its own reminder and timers.
/// </summary>
[Collection(FakeTimeClusterCollection.Name)]
public sealed class DeadlineAndRetentionTests(FakeTimeClusterFixture fixture)
{
    private const string Blue = "consumer-blue";
    private static readonly ConsumerPointerOptions Defaults = new();

    private async Task<(IConsumerPointerGrain Pointer, StoredState<ConsumerPointerState> Stored)> NewPointer()
    {
        var pointer = fixture.Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(Fixtures.Service, Fixtures.NewRegion(), "orders"));
        await pointer.ConfigureAsync(Blue, 1, "alice");
        return (pointer, StoredState<ConsumerPointerState>.Of(fixture.Cluster, "consumers", pointer.GetGrainId()));
    }

    private IReminderTable Reminders => ((InProcessSiloHandle)fixture.Cluster.Silos[0]).SiloHost.Services.GetRequiredService<IReminderTable>();

    [Fact]
    public async Task A_draining_move_whose_consumers_went_silent_fails_at_its_deadline_with_no_call_after_it()
    {
        var (pointer, stored) = await NewPointer();
        Assert.Equal(ConsumerDirectiveKind.Consume, (await pointer.HeartbeatAsync("blue-1", Blue, paused: false)).Kind);
        var drain = TimeSpan.FromSeconds(10);
        var move = await pointer.StartMoveAsync(new MoveRequest
        {
            ToConsumerVer = "consumer-green", IdempotencyKey = "move-1", Operator = "alice", Reason = "cutover", DrainTimeout = drain,
        });
        Assert.Equal(MoveState.Draining, move.State);
        Assert.NotNull(await Reminders.ReadRow(pointer.GetGrainId(), "move-deadline"));

        // With the activation gone its timer is gone too: only the reminder can end the move now.
        await fixture.Cluster.DeactivateAsync(pointer.GetGrainId());
        Assert.Equal(MoveState.Draining, (await stored.StateAsync()).CurrentMove?.State);
        fixture.Clock.Advance(drain + TimeSpan.FromSeconds(1));

        var after = await Poll.UntilAsync(
            stored.StateAsync,
            s => s.CurrentMove is null,
            "the stored pointer to show the move ended");
        var failed = Assert.Single(after.PastMoves);
        Assert.Equal((MoveState.Failed, "move-1"), (failed.State, failed.IdempotencyKey));
        Assert.Equal(["blue-1"], failed.PendingInstances);
        Assert.Equal((Blue, ConsumerMode.Consuming, 1L), (after.ActiveConsumerVer, after.Mode, after.Token));
        Assert.Equal("move-failed", after.Audit[^1].Command);
        await Poll.UntilAsync(
            () => Reminders.ReadRow(pointer.GetGrainId(), "move-deadline"),
            row => row is null,
            "the move-deadline reminder to be unregistered once no move drains");
    }

    [Fact]
    public async Task Sealed_segments_past_the_retention_leave_the_state_and_storage_while_newer_keys_stay_duplicates()
    {
        var (pointer, stored) = await NewPointer();
        await CommitSegment(pointer, "old", 0);
        fixture.Clock.Advance(TimeSpan.FromHours(40));
        await CommitSegment(pointer, "new", Defaults.LedgerSegmentSize);
        var segments = (await stored.StateAsync()).SealedSegments;
        Assert.Equal(2, segments.Count);

        // 73 h after the first segment, 33 h after the second: only the first is past the 72 h retention.
        fixture.Clock.Advance(TimeSpan.FromHours(33));

        var after = await Poll.UntilAsync(
            stored.StateAsync,
            s => s.SealedSegments.Count < 2,
            "the segment past the retention to leave the stored list");
        Assert.Equal([segments[1].Id], after.SealedSegments.Select(s => s.Id));
        Assert.Equal(Defaults.LedgerSegmentSize, after.Counters.LedgerKeys);
        await Poll.UntilAsync(
            () => StoredSegment(segments[0].Id).ExistsAsync(),
            exists => !exists,
            $"the expired segment {segments[0].Id} to be cleared from storage");
        Assert.True(await StoredSegment(segments[1].Id).ExistsAsync());

        // The index still answers: a newer key is a duplicate, a key past the retention is forgotten, as promised.
        Assert.Equal(CommitOutcome.Duplicate, (await pointer.CommitAsync(Commit("new-5", Defaults.LedgerSegmentSize + 5))).Outcome);
        Assert.Equal(CommitOutcome.Accepted, (await pointer.CommitAsync(Commit("old-5", 5))).Outcome);
    }

    private static async Task CommitSegment(IConsumerPointerGrain pointer, string prefix, int firstOffset)
    {
        for (var i = 0; i < Defaults.LedgerSegmentSize; i++)
        {
            Assert.Equal(CommitOutcome.Accepted, (await pointer.CommitAsync(Commit($"{prefix}-{i}", firstOffset + i + 1))).Outcome);
        }
    }

    private static CommitRequest Commit(string key, long offset) => new()
    {
        Partition = 0, Offset = offset, IdempotencyKey = key, PayloadHash = IdempotencyKeys.PayloadHash(key), Token = 1, ConsumerVer = Blue,
    };

    private StoredState<SegmentState<LedgerEntry>> StoredSegment(string id) =>
        StoredState<SegmentState<LedgerEntry>>.Of(fixture.Cluster, "segment", fixture.Client.GetGrain<ISegmentGrain<LedgerEntry>>(id).GetGrainId());
}
