using System.Collections.Concurrent;
using Coordinator.Client.Fences;
using Coordinator.Fences;

namespace Coordinator.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class ConsumerPointerTests(ClusterFixture fixture)
{
    private const string Blue = "consumer-blue";
    private const string Green = "consumer-green";

    private IClusterClient Client => fixture.Client;

    private async Task<(string Region, IConsumerPointerGrain Pointer)> NewPointer(int partitions = 4)
    {
        var region = Fixtures.NewRegion();
        var pointer = Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(Fixtures.Service, region, "orders"));
        await pointer.ConfigureAsync(Blue, partitions, "alice");
        return (region, pointer);
    }

    private static MoveRequest Move(string to, string key, TimeSpan? drain = null) => new()
    {
        ToConsumerVer = to, IdempotencyKey = key, Operator = "alice", Reason = "cutover", DrainTimeout = drain ?? TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task A_move_while_blue_keeps_committing_accepts_no_blue_commit_after_it_completes_and_green_starts_at_blues_offsets()
    {
        var (region, pointer) = await NewPointer();
        var blues = Enumerable.Range(0, 2).Select(i => new FencedConsumer(Client, Fixtures.Service, region, "orders", Blue, $"blue-{i}")).ToList();
        foreach (var blue in blues)
        {
            Assert.Equal(ConsumerDirectiveKind.Consume, (await blue.HeartbeatAsync()).Kind);
        }

        var moveCompleted = 0;
        var afterCompletion = new ConcurrentBag<CommitResult>();
        var accepted = new ConcurrentBag<(int Partition, long Offset)>();
        using var stop = new CancellationTokenSource();

        // Each Blue instance owns two partitions and commits in order; after being told to pause it
        // drains a little, acknowledges, and then behaves like a zombie that keeps committing.
        var loops = blues.Select((blue, i) => Task.Run(async () =>
        {
            var token = blue.Directive!.Token!.Value;
            long offset = 0;
            var drained = 0;
            while (!stop.IsCancellationRequested)
            {
                var partition = (i * 2) + (int)(offset % 2);
                offset++;
                var sentAfterCompletion = Volatile.Read(ref moveCompleted) == 1;
                // Commits with the token it was first given, whatever it is told later (a zombie does too).
                var result = await pointer.CommitAsync(new CommitRequest
                {
                    Partition = partition,
                    Offset = offset,
                    IdempotencyKey = $"{blue.InstanceId}-{offset}",
                    PayloadHash = IdempotencyKeys.PayloadHash($"{offset}"),
                    Token = token,
                    ConsumerVer = Blue,
                });
                if (sentAfterCompletion)
                {
                    afterCompletion.Add(result);
                }

                if (result.Outcome == CommitOutcome.Accepted)
                {
                    accepted.Add((partition, offset));
                }

                if (offset % 5 == 0)
                {
                    var directive = await blue.HeartbeatAsync(paused: drained >= 3);
                    if (directive.Kind != ConsumerDirectiveKind.Consume)
                    {
                        drained++;
                    }
                }
            }
        })).ToList();

        await Poll.UntilAsync(() => accepted.Count >= 40, "Blue to commit a while before the move");
        var started = await pointer.StartMoveAsync(Move(Green, "move-1"));
        Assert.Equal(MoveState.Draining, started.State);

        MoveStatus? done = null;
        await Poll.UntilAsync(async () => (done = await pointer.GetMoveAsync("move-1"))!.State != MoveState.Draining, "the move to finish draining");
        Interlocked.Exchange(ref moveCompleted, 1);
        Assert.Equal(MoveState.Completed, done!.State);

        // Let the zombies keep trying for a while after completion.
        await Poll.UntilAsync(() => afterCompletion.Count >= 40, "Blue to keep committing after the move");
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        Assert.All(afterCompletion, r => Assert.Equal(CommitOutcome.Fenced, r.Outcome));
        var blueLast = accepted.GroupBy(a => a.Partition).ToDictionary(g => g.Key, g => g.Max(a => a.Offset));
        foreach (var (partition, last) in blueLast)
        {
            Assert.Equal(last, done.HandedOffsets[partition]);
        }

        var green = new FencedConsumer(Client, Fixtures.Service, region, "orders", Green, "green-0");
        var directive = await green.HeartbeatAsync();
        Assert.Equal(ConsumerDirectiveKind.Consume, directive.Kind);
        Assert.Equal(done.HandedOffsets, directive.Offsets);
        Assert.True(directive.Token > 1);
        Assert.Equal(ConsumerDirectiveKind.Stop, (await blues[0].HeartbeatAsync()).Kind);

        var status = await pointer.GetStatusAsync();
        Assert.Equal((Green, ConsumerMode.Consuming), (status.ActiveConsumerVer, status.Mode));
        Assert.Equal(accepted.Count, status.Counters.SideEffectsAccepted);
        Assert.True(status.Counters.FencedAttempts >= afterCompletion.Count);
        Assert.Equal(CommitOutcome.Accepted, (await green.CommitAsync(0, blueLast[0] + 1, "green-first", "sha256:x")).Outcome);
    }

    [Fact]
    public async Task A_move_whose_drain_times_out_fails_cleanly_and_resumes_the_old_version()
    {
        var (region, pointer) = await NewPointer(2);
        var blue = new FencedConsumer(Client, Fixtures.Service, region, "orders", Blue, "stubborn");
        await blue.HeartbeatAsync();
        Assert.Equal(CommitOutcome.Accepted, (await blue.CommitAsync(0, 10, "k-1", "sha256:a")).Outcome);

        await pointer.StartMoveAsync(Move(Green, "move-x", TimeSpan.FromSeconds(1)));
        Assert.Equal(ConsumerDirectiveKind.Pause, (await blue.HeartbeatAsync(paused: false)).Kind);

        MoveStatus? failed = null;
        await Poll.UntilAsync(async () => (failed = await pointer.GetMoveAsync("move-x"))!.State != MoveState.Draining, "the drain to time out");
        Assert.Equal(MoveState.Failed, failed!.State);
        Assert.Equal(["stubborn"], failed.PendingInstances);

        var status = await pointer.GetStatusAsync();
        Assert.Equal((Blue, ConsumerMode.Consuming, 1L), (status.ActiveConsumerVer, status.Mode, status.Token));
        Assert.Equal(ConsumerDirectiveKind.Consume, (await blue.HeartbeatAsync()).Kind);
        Assert.Equal(CommitOutcome.Accepted, (await blue.CommitAsync(0, 11, "k-2", "sha256:b")).Outcome);
    }

    [Fact]
    public async Task A_move_key_replays_its_first_answer_and_moving_back_is_the_same_operation()
    {
        var (region, pointer) = await NewPointer(1);
        var first = await pointer.StartMoveAsync(Move(Green, "forward"));
        Assert.Equal(MoveState.Completed, first.State);
        var replay = await pointer.StartMoveAsync(Move(Green, "forward"));
        Assert.Equal((first.IdempotencyKey, first.State, first.StartedAt, first.FinishedAt), (replay.IdempotencyKey, replay.State, replay.StartedAt, replay.FinishedAt));
        await Assert.ThrowsAsync<IdempotencyKeyConflictException>(() => pointer.StartMoveAsync(Move(Blue, "forward")));

        var back = await pointer.StartMoveAsync(Move(Blue, "rollback"));
        Assert.Equal((Green, Blue, MoveState.Completed), (back.FromConsumerVer, back.ToConsumerVer, back.State));
        var status = await pointer.GetStatusAsync();
        Assert.Equal((Blue, 3L), (status.ActiveConsumerVer, status.Token));
    }

    [Fact]
    public async Task Ten_thousand_commits_with_ten_percent_replays_accept_each_unique_key_exactly_once()
    {
        var (region, pointer) = await NewPointer(8);
        var consumer = new FencedConsumer(Client, Fixtures.Service, region, "orders", Blue, "bulk");
        await consumer.HeartbeatAsync();

        var unique = Enumerable.Range(0, 9_000)
            .Select(i => (Partition: i % 8, Offset: (long)(i / 8) + 1, Key: IdempotencyKeys.Derive("doc", $"d{i}", "r1", "idx-blue", "embed")))
            .ToList();
        var random = new Random(20261126);
        var replays = Enumerable.Range(0, 1_000).Select(_ => unique[random.Next(unique.Count)]).ToList();
        var work = unique.Concat(replays).OrderBy(_ => random.Next()).ToList();

        var outcomes = new ConcurrentBag<CommitOutcome>();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (item, _) =>
            outcomes.Add((await consumer.CommitAsync(item.Partition, item.Offset, item.Key, IdempotencyKeys.PayloadHash(item.Key))).Outcome));

        Assert.Equal(10_000, outcomes.Count);
        Assert.Equal(9_000, outcomes.Count(o => o == CommitOutcome.Accepted));
        Assert.Equal(1_000, outcomes.Count(o => o == CommitOutcome.Duplicate));

        var conflict = await consumer.CommitAsync(unique[0].Partition, unique[0].Offset, unique[0].Key, IdempotencyKeys.PayloadHash("something else"));
        Assert.Equal(CommitOutcome.Conflict, conflict.Outcome);

        var status = await pointer.GetStatusAsync();
        Assert.Equal(9_000, status.Counters.SideEffectsAccepted);
        Assert.Equal(1_000, status.Counters.DedupeHits);
        Assert.Equal(1, status.Counters.Conflicts);
        Assert.Equal(9_000, status.Counters.LedgerKeys);
        Assert.Equal(0, status.Counters.LedgerEvictions);
        Assert.All(Enumerable.Range(0, 8), p => Assert.Equal(unique.Where(u => u.Partition == p).Max(u => u.Offset), status.Offsets[p]));
    }

    [Fact]
    public async Task A_key_replayed_after_more_than_a_hundred_thousand_newer_keys_is_still_a_duplicate()
    {
        var (region, pointer) = await NewPointer(8);
        var consumer = new FencedConsumer(Client, Fixtures.Service, region, "orders", Blue, "bulk");
        await consumer.HeartbeatAsync();
        var first = await consumer.CommitAsync(0, 1, "first", "sha256:first");
        Assert.Equal(CommitOutcome.Accepted, first.Outcome);

        // Past the old 100k bound, and far past the segments the pointer keeps in memory.
        const int Newer = 100_500;
        await Parallel.ForEachAsync(Enumerable.Range(0, Newer), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var result = await consumer.CommitAsync(i % 8, (i / 8) + 2, $"newer-{i}", "sha256:n");
            Assert.Equal(CommitOutcome.Accepted, result.Outcome);
        });

        var replay = await consumer.CommitAsync(0, 1, "first", "sha256:first");
        Assert.Equal((CommitOutcome.Duplicate, 1L), (replay.Outcome, replay.CommittedOffset));
        Assert.NotNull(replay.FirstAcceptedAt);
        Assert.Equal(CommitOutcome.Conflict, (await consumer.CommitAsync(0, 1, "first", "sha256:other")).Outcome);

        // A new activation rebuilds the filter from the stored segments and still remembers every key.
        await Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(CommitOutcome.Duplicate, (await consumer.CommitAsync(0, 1, "first", "sha256:first")).Outcome);
        Assert.Equal(CommitOutcome.Duplicate, (await consumer.CommitAsync(3, 2, "newer-3", "sha256:n")).Outcome);

        var status = await pointer.GetStatusAsync();
        Assert.Equal(Newer + 1, status.Counters.LedgerKeys);
        Assert.Equal(0, status.Counters.LedgerEvictions);
        Assert.Equal(0, status.Counters.LedgerFullRefusals);
        Assert.Equal(Newer + 1, status.Counters.SideEffectsAccepted);
    }

    [Fact]
    public async Task Bad_consumer_input_is_refused_naming_the_field_and_changes_nothing()
    {
        var (region, pointer) = await NewPointer(2);
        var consumer = new FencedConsumer(Client, Fixtures.Service, region, "orders", Blue, "c1");
        var directive = await consumer.HeartbeatAsync();
        var before = await pointer.GetStatusAsync();

        var negative = await Assert.ThrowsAsync<InvalidInputException>(() => consumer.CommitAsync(0, -1, "k", "sha256:p"));
        Assert.Equal("offset", Assert.Single(negative.Errors).Field);
        var partition = await Assert.ThrowsAsync<InvalidInputException>(() => consumer.CommitAsync(7, 1, "k", "sha256:p"));
        Assert.Equal("partition", Assert.Single(partition.Errors).Field);
        var emptyKey = await Assert.ThrowsAsync<InvalidInputException>(() => consumer.CommitAsync(0, 1, "", "sha256:p"));
        Assert.Equal("idempotency_key", Assert.Single(emptyKey.Errors).Field);
        var reset = await Assert.ThrowsAsync<InvalidInputException>(() => pointer.ResetOffsetAsync(9, 0, "alice", "replay"));
        Assert.Equal("partition", Assert.Single(reset.Errors).Field);
        var drain = await Assert.ThrowsAsync<InvalidInputException>(() => pointer.StartMoveAsync(Move(Green, "m", TimeSpan.FromHours(2))));
        Assert.Equal("drain_timeout", Assert.Single(drain.Errors).Field);
        var group = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(Fixtures.Service, region, "")).ConfigureAsync(Blue, 1, "alice"));
        Assert.Equal("group", Assert.Single(group.Errors).Field);

        var after = await pointer.GetStatusAsync();
        Assert.Equal(before.Offsets, after.Offsets);
        Assert.Equal(before.Counters, after.Counters);
        Assert.Equal((before.Mode, before.Token, before.ActiveConsumerVer), (after.Mode, after.Token, after.ActiveConsumerVer));
        Assert.Null(after.CurrentMove);
        Assert.NotNull(directive.Token);
    }

    [Fact]
    public async Task Offsets_only_go_back_through_an_audited_reset()
    {
        var (region, pointer) = await NewPointer(1);
        var consumer = new FencedConsumer(Client, Fixtures.Service, region, "orders", Blue, "c1");
        await consumer.HeartbeatAsync();
        await consumer.CommitAsync(0, 50, "a", "sha256:a");

        var late = await consumer.CommitAsync(0, 20, "b", "sha256:b");
        Assert.Equal((CommitOutcome.Accepted, 50L), (late.Outcome, late.CommittedOffset));

        var reset = await pointer.ResetOffsetAsync(0, 5, "alice", "reprocess after bad deploy");
        Assert.Equal(5, reset.Offsets[0]);
    }
}
