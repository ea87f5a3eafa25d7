using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Fences;

namespace Coordinator.Core.Tests.Consumers;

public sealed class LedgerPolicyRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConsumerPointerOptions Small = new() { LedgerMaxEntries = 100, LedgerSegmentSize = 16, LedgerRetention = TimeSpan.FromHours(1) };

    private sealed class NoSealedKeys : ILedgerIndex
    {
        public LedgerEntry? Find(string key) => null;
    }

    private static readonly ILedgerIndex None = new NoSealedKeys();

    private static ConsumerPointerState Configured(LedgerPolicy? policy = null) =>
        ConsumerPointerRules.Configure(new ConsumerPointerState(), "f", "blue", 1, "alice", T0, AuditKey.DemoNotSecret, policy).Next!;

    private static CommitRequest Commit(string key, long offset) => new()
    {
        Partition = 0, Offset = offset, IdempotencyKey = key, PayloadHash = "sha256:p", Token = 1, ConsumerVer = "blue",
    };

    /// <summary>Commits keys k0..k(count-1), compacting as the grain does before each write.</summary>
    private static ConsumerPointerState Fill(ConsumerPointerState state, int count, DateTimeOffset at, List<CommitOutcome>? outcomes = null)
    {
        var ids = 0;
        for (var i = 0; i < count; i++)
        {
            var decision = ConsumerPointerRules.Commit(state, Commit($"k{i}", i + 1), at, None, AuditKey.DemoNotSecret, Small);
            outcomes?.Add(decision.Result.Outcome);
            state = LedgerCompaction.Compact(decision.Next ?? state, at, Small, () => $"seg-{ids++}").Next;
        }

        return state;
    }

    [Fact]
    public void A_new_group_is_fail_closed_and_configure_changes_the_policy_audited()
    {
        var state = Configured();
        Assert.Equal(LedgerPolicy.FailClosed, state.LedgerPolicy);

        var open = ConsumerPointerRules.Configure(state, "f", "blue", 1, "bob", T0, AuditKey.DemoNotSecret, LedgerPolicy.FailOpen);
        Assert.Equal(LedgerPolicy.FailOpen, open.Next!.LedgerPolicy);
        Assert.Contains("ledger_policy=fail-open", open.Next.Audit[^1].Detail);

        // Omitting the policy keeps it; naming the same one is no change.
        Assert.Null(ConsumerPointerRules.Configure(open.Next, "f", "blue", 1, "bob", T0, AuditKey.DemoNotSecret).Next);
        Assert.Null(ConsumerPointerRules.Configure(open.Next, "f", "blue", 1, "bob", T0, AuditKey.DemoNotSecret, LedgerPolicy.FailOpen).Next);
        Assert.Throws<InvalidInputException>(() => ConsumerPointerRules.Configure(state, "f", "blue", 1, "bob", T0, AuditKey.DemoNotSecret, (LedgerPolicy)7));
    }

    [Fact]
    public void A_full_fail_closed_ledger_refuses_new_keys_with_their_own_outcome_pauses_the_group_and_still_answers_duplicates()
    {
        var outcomes = new List<CommitOutcome>();
        var state = Fill(Configured(), 103, T0, outcomes);

        Assert.Equal(100, outcomes.Count(o => o == CommitOutcome.Accepted));
        Assert.Equal([CommitOutcome.LedgerFull, CommitOutcome.LedgerFull, CommitOutcome.LedgerFull], outcomes[100..]);
        Assert.Equal((3L, 0L, 100L), (state.Counters.LedgerFullRefusals, state.Counters.LedgerEvictions, LedgerCompaction.KeyCount(state)));
        Assert.Equal(100L, state.Offsets[0]);
        Assert.Single(state.Audit, e => e.Command == "ledger-full");

        var refused = ConsumerPointerRules.Commit(state, Commit("late", 200), T0, None, AuditKey.DemoNotSecret, Small).Result;
        Assert.Contains("LedgerMaxEntries is 100", refused.Reason);
        Assert.Equal(100L, refused.CommittedOffset);

        // The oldest key is still remembered: a redelivery is a duplicate, not a second side effect.
        var sealedIndex = new SealedLedgerIndex();
        Assert.Equal(CommitOutcome.Duplicate, ConsumerPointerRules.Commit(state, Commit(state.OpenLedger.Keys.First(), 1), T0, sealedIndex, AuditKey.DemoNotSecret, Small).Result.Outcome);

        var status = ConsumerPointerRules.Status(state, "orders", T0, Small);
        Assert.Equal(ConsumerMode.Paused, status.Mode);
        Assert.StartsWith("idempotency ledger full", status.LedgerFullReason);
        var directive = ConsumerPointerRules.Heartbeat(state, "pod-1", "blue", false, T0, Small, AuditKey.DemoNotSecret).Result;
        Assert.Equal(ConsumerDirectiveKind.Pause, directive.Kind);
        Assert.Contains("ledger is full", directive.Reason);
    }

    [Fact]
    public void The_group_resumes_once_keys_expire_past_the_retention()
    {
        var state = Fill(Configured(), 101, T0);
        Assert.NotNull(state.LedgerFullSince);

        var later = T0 + Small.LedgerRetention + TimeSpan.FromSeconds(1);
        var beat = ConsumerPointerRules.Heartbeat(state, "pod-1", "blue", false, later, Small, AuditKey.DemoNotSecret);

        Assert.Equal(ConsumerDirectiveKind.Consume, beat.Result.Kind);
        Assert.Null(beat.Next!.LedgerFullSince);
        Assert.Equal("ledger-room", beat.Next.Audit[^1].Command);
        Assert.Equal(CommitOutcome.Accepted, ConsumerPointerRules.Commit(beat.Next, Commit("fresh", 500), later, None, AuditKey.DemoNotSecret, Small).Result.Outcome);
    }

    [Fact]
    public void Switching_a_full_group_to_fail_open_lifts_the_pause()
    {
        var state = Fill(Configured(), 101, T0);
        var open = ConsumerPointerRules.Configure(state, "f", "blue", 1, "bob", T0, AuditKey.DemoNotSecret, LedgerPolicy.FailOpen).Next!;

        Assert.Null(open.LedgerFullSince);
        Assert.Equal(ConsumerMode.Consuming, ConsumerPointerRules.Status(open, "orders", T0, Small).Mode);
        Assert.Equal(CommitOutcome.Accepted, ConsumerPointerRules.Commit(open, Commit("fresh", 500), T0, None, AuditKey.DemoNotSecret, Small).Result.Outcome);
    }

    [Fact]
    public void A_fail_open_ledger_accepts_past_the_bound_and_counts_every_evicted_key()
    {
        var outcomes = new List<CommitOutcome>();
        var state = Fill(Configured(LedgerPolicy.FailOpen), 150, T0, outcomes);

        Assert.All(outcomes, o => Assert.Equal(CommitOutcome.Accepted, o));
        Assert.Equal(0, state.Counters.LedgerFullRefusals);
        Assert.Equal(150, LedgerCompaction.KeyCount(state) + state.Counters.LedgerEvictions);
        Assert.True(state.Counters.LedgerEvictions >= 50, $"{state.Counters.LedgerEvictions} evicted");
        Assert.Null(ConsumerPointerRules.Status(state, "orders", T0, Small).LedgerFullReason);
    }
}
