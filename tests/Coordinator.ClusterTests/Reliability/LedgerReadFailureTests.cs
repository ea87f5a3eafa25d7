using Coordinator.Client.Fences;
using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Grains.Segments;
using Coordinator.Operations.Errors;

namespace Coordinator.ClusterTests.Reliability;

/// <summary>
/// A sealed ledger segment storage does not answer for: a commit whose key cannot be judged without it
/// fails with the named storage error (exit 4, 503), nothing is decided, and once storage answers again
/// the same message is judged as it should have been.
/// </summary>
[Collection(HeldWriteCollection.Name)]
public sealed class LedgerReadFailureTests(HeldWriteClusterFixture fixture)
{
    private const string Blue = "consumer-blue";
    private static readonly ConsumerPointerOptions Ledger = new();

    private static CommitRequest Commit(string key, long offset) => new()
    {
        Partition = 0, Offset = offset, IdempotencyKey = key, PayloadHash = IdempotencyKeys.PayloadHash(key), Token = 1, ConsumerVer = Blue,
    };

    private async Task<(string Fence, IConsumerPointerGrain Pointer, StoredState<ConsumerPointerState> Stored)> NewPointer()
    {
        var fence = FenceKey.Format(Fixtures.Service, Fixtures.NewRegion(), "orders");
        var pointer = fixture.Client.GetGrain<IConsumerPointerGrain>(fence);
        await pointer.ConfigureAsync(Blue, 1, "alice");
        return (fence, pointer, StoredState<ConsumerPointerState>.Of(fixture.Cluster, "consumers", pointer.GetGrainId()));
    }

    [Fact]
    public async Task Segments_unreadable_when_the_pointer_activates_fail_commits_as_storage_unavailable_not_as_a_crash()
    {
        var (fence, pointer, stored) = await NewPointer();
        for (var i = 0; i < Ledger.LedgerSegmentSize; i++)
        {
            Assert.Equal(CommitOutcome.Accepted, (await pointer.CommitAsync(Commit($"k-{i}", i + 1))).Outcome);
        }

        var segment = Assert.Single((await stored.StateAsync()).SealedSegments);
        await fixture.Cluster.DeactivateAsync(pointer.GetGrainId());
        await fixture.Cluster.DeactivateAsync(fixture.Client.GetGrain<ISegmentGrain<LedgerEntry>>(segment.Id).GetGrainId());

        SegmentStorageLog.FailReadsUnder(fence);
        try
        {
            Assert.Equal(Ledger.LedgerSegmentSize, (await pointer.GetStatusAsync()).Counters.LedgerKeys);
            await AssertNotReadAsync(pointer.CommitAsync(Commit("k-3", 4)));
            await AssertNotReadAsync(pointer.CommitAsync(Commit("new-key", 1000)));
            Assert.Equal(Ledger.LedgerSegmentSize, (await pointer.GetStatusAsync()).Counters.SideEffectsAccepted);
        }
        finally
        {
            SegmentStorageLog.AnswerReadsUnder(fence);
        }

        var replay = await pointer.CommitAsync(Commit("k-3", 4));
        Assert.Equal((CommitOutcome.Duplicate, 4L), (replay.Outcome, replay.CommittedOffset));
    }

    [Fact]
    public async Task An_old_segment_a_replayed_key_points_at_that_storage_cannot_read_fails_the_commit_as_storage_unavailable()
    {
        var (fence, pointer, stored) = await NewPointer();

        // More sealed segments than an activation keeps in memory: the oldest is read again when a key
        // hits the filter on it. Decided by Core and stored as the grain would have, which takes ms, not minutes.
        var now = DateTimeOffset.UtcNow;
        var saved = await stored.ReadAsync();
        var working = saved.State!;
        var written = 0;
        for (var i = 0; i < (SealedLedgerIndex.DefaultCachedSegments + 1) * Ledger.LedgerSegmentSize; i++)
        {
            working = ConsumerPointerRules.Commit(working, Commit($"old-{i}", i + 1), now, new SealedLedgerIndex(), AuditKey.DemoNotSecret, Ledger).Next!;
            var plan = LedgerCompaction.Compact(working, now, Ledger, () => $"{fence}/seeded-{written}");
            if (plan.Sealed is { } sealedSegment)
            {
                await fixture.Client.GetGrain<ISegmentGrain<LedgerEntry>>(sealedSegment.Id).WriteAsync(plan.SealedEntries);
                written++;
            }

            working = plan.Next;
        }

        saved.State = working;
        await stored.WriteAsync(saved);
        await fixture.Cluster.DeactivateAsync(pointer.GetGrainId());
        Assert.Equal(SealedLedgerIndex.DefaultCachedSegments + 1, working.SealedSegments.Count);

        // A fresh key waits for the activation's read of every segment; the oldest is then out of memory.
        var fresh = await pointer.CommitAsync(Commit("fresh", (SealedLedgerIndex.DefaultCachedSegments + 2L) * Ledger.LedgerSegmentSize));
        Assert.Equal(CommitOutcome.Accepted, fresh.Outcome);

        SegmentStorageLog.FailReadsUnder(fence);
        try
        {
            await AssertNotReadAsync(pointer.CommitAsync(Commit("old-0", 1)));
        }
        finally
        {
            SegmentStorageLog.AnswerReadsUnder(fence);
        }

        Assert.Equal(CommitOutcome.Duplicate, (await pointer.CommitAsync(Commit("old-0", 1))).Outcome);
    }

    private static async Task AssertNotReadAsync(Task<CommitResult> commit)
    {
        var failed = await Assert.ThrowsAsync<StorageUnavailableException>(() => commit);
        Assert.Equal(CoordinatorErrorCode.StorageUnavailable, failed.Code);
        Assert.Contains("did not answer a read", failed.Message, StringComparison.Ordinal);
        Assert.Contains("not applied", failed.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.Unavailable, OperationErrors.Classify(failed).Kind);
    }
}
