using Coordinator.Client.Fences;
using Coordinator.Fences;

namespace Coordinator.ClusterTests.Consumers;

[Collection(SmallLedgerCollection.Name)]
public sealed class LedgerPolicyTests(SmallLedgerClusterFixture fixture)
{
    private const string Blue = "consumer-blue";

    private async Task<(IConsumerPointerGrain Pointer, FencedConsumer Consumer)> NewGroup(LedgerPolicy? policy)
    {
        var region = Fixtures.NewRegion();
        var pointer = fixture.Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(Fixtures.Service, region, "orders"));
        await pointer.ConfigureAsync(Blue, 1, "alice", policy);
        var consumer = new FencedConsumer(fixture.Client, Fixtures.Service, region, "orders", Blue, "pod-1");
        Assert.Equal(ConsumerDirectiveKind.Consume, (await consumer.HeartbeatAsync()).Kind);
        return (pointer, consumer);
    }

    private static async Task<List<CommitOutcome>> CommitKeys(FencedConsumer consumer, int count, string prefix = "k")
    {
        var outcomes = new List<CommitOutcome>();
        for (var i = 0; i < count; i++)
        {
            outcomes.Add((await consumer.CommitAsync(0, i + 1, $"{prefix}{i}", "sha256:p")).Outcome);
        }

        return outcomes;
    }

    [Fact]
    public async Task A_full_fail_closed_ledger_refuses_new_keys_as_ledger_full_pauses_the_group_and_says_why()
    {
        var (pointer, consumer) = await NewGroup(policy: null);

        var outcomes = await CommitKeys(consumer, SmallLedgerClusterFixture.Ledger.LedgerMaxEntries + 5);

        Assert.Equal(100, outcomes.Count(o => o == CommitOutcome.Accepted));
        Assert.Equal(Enumerable.Repeat(CommitOutcome.LedgerFull, 5), outcomes[100..]);
        Assert.StartsWith("idempotency ledger full", consumer.LedgerFullReason);

        // Nothing was forgotten: the very first key is still a duplicate.
        Assert.Equal(CommitOutcome.Duplicate, (await consumer.CommitAsync(0, 1, "k0", "sha256:p")).Outcome);

        var status = await pointer.GetStatusAsync();
        Assert.Equal((ConsumerMode.Paused, LedgerPolicy.FailClosed), (status.Mode, status.LedgerPolicy));
        Assert.Contains("LedgerMaxEntries is 100", status.LedgerFullReason);
        Assert.Equal((100L, 0L, 5L, 100L), (status.Counters.SideEffectsAccepted, status.Counters.LedgerEvictions, status.Counters.LedgerFullRefusals, status.Counters.LedgerKeys));
        Assert.Equal(100L, status.Offsets[0]);

        var directive = await consumer.HeartbeatAsync();
        Assert.Equal(ConsumerDirectiveKind.Pause, directive.Kind);
        Assert.False(consumer.MayConsume);

        // The operator chooses to accept evictions: the group consumes again.
        var reopened = await pointer.ConfigureAsync(Blue, 1, "alice", LedgerPolicy.FailOpen);
        Assert.Null(reopened.LedgerFullReason);
        Assert.Equal(ConsumerDirectiveKind.Consume, (await consumer.HeartbeatAsync()).Kind);
        Assert.Equal(CommitOutcome.Accepted, (await consumer.CommitAsync(0, 200, "after-reopen", "sha256:p")).Outcome);
        Assert.Null(consumer.LedgerFullReason);
    }

    [Fact]
    public async Task A_fail_open_ledger_accepts_past_its_bound_and_counts_what_it_evicted()
    {
        var (pointer, consumer) = await NewGroup(LedgerPolicy.FailOpen);

        var outcomes = await CommitKeys(consumer, 150);

        Assert.All(outcomes, o => Assert.Equal(CommitOutcome.Accepted, o));
        var status = await pointer.GetStatusAsync();
        Assert.Equal(LedgerPolicy.FailOpen, status.LedgerPolicy);
        Assert.Null(status.LedgerFullReason);
        Assert.Equal(0, status.Counters.LedgerFullRefusals);
        Assert.True(status.Counters.LedgerKeys <= 100, $"{status.Counters.LedgerKeys} keys held");
        Assert.Equal(150, status.Counters.LedgerKeys + status.Counters.LedgerEvictions);

        // The promise is broken, and counted: the oldest key was evicted, so its redelivery is accepted again.
        Assert.Equal(CommitOutcome.Accepted, (await consumer.CommitAsync(0, 151, "k0", "sha256:p")).Outcome);
    }
}
