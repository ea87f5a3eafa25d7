using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Fences;

namespace Coordinator.Core.Tests.Consumers;

public sealed class ConsumerPointerRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConsumerPointerOptions Options = new();

    private sealed class NoSealedKeys : ILedgerIndex
    {
        public LedgerEntry? Find(string key) => null;
    }

    private static readonly ILedgerIndex None = new NoSealedKeys();

    private static ConsumerPointerState Configured() =>
        ConsumerPointerRules.Configure(new ConsumerPointerState(), "f", "blue", 2, "alice", T0, AuditKey.DemoNotSecret).Next!;

    private static CommitRequest Commit(string key, long offset = 1, long token = 1, string ver = "blue", string payload = "sha256:p", int partition = 0) => new()
    {
        Partition = partition, Offset = offset, IdempotencyKey = key, PayloadHash = payload, Token = token, ConsumerVer = ver,
    };

    [Fact]
    public void Accepted_duplicate_conflict_and_fenced_are_told_apart_and_counted()
    {
        var state = Configured();
        var accepted = ConsumerPointerRules.Commit(state, Commit("a", 5), T0, None, AuditKey.DemoNotSecret);
        Assert.Equal(CommitOutcome.Accepted, accepted.Result.Outcome);
        state = accepted.Next!;

        var duplicate = ConsumerPointerRules.Commit(state, Commit("a", 5), T0.AddSeconds(1), None, AuditKey.DemoNotSecret);
        Assert.Equal((CommitOutcome.Duplicate, 5L, (DateTimeOffset?)T0), (duplicate.Result.Outcome, duplicate.Result.CommittedOffset, duplicate.Result.FirstAcceptedAt));
        state = duplicate.Next!;

        var conflict = ConsumerPointerRules.Commit(state, Commit("a", 5, payload: "sha256:other"), T0, None, AuditKey.DemoNotSecret);
        Assert.Equal(CommitOutcome.Conflict, conflict.Result.Outcome);
        state = conflict.Next!;

        var staleToken = ConsumerPointerRules.Commit(state, Commit("b", 6, token: 0), T0, None, AuditKey.DemoNotSecret);
        Assert.Equal(CommitOutcome.Fenced, staleToken.Result.Outcome);
        state = staleToken.Next!;
        var wrongVersion = ConsumerPointerRules.Commit(state, Commit("c", 6, ver: "green"), T0, None, AuditKey.DemoNotSecret);
        Assert.Equal(CommitOutcome.Fenced, wrongVersion.Result.Outcome);
        Assert.Contains("green", wrongVersion.Result.Reason, StringComparison.Ordinal);
        state = wrongVersion.Next!;

        Assert.Equal(new ConsumerCounters { SideEffectsAccepted = 1, DedupeHits = 1, Conflicts = 1, FencedAttempts = 2, LedgerKeys = 1 }, state.Counters);
        Assert.Equal(5, state.Offsets[0]);
    }

    [Fact]
    public void A_key_found_in_a_sealed_segment_is_a_duplicate()
    {
        var sealedKeys = new SealedLedgerIndexStub(new LedgerEntry("old", "sha256:p", 1, 40, T0));
        var result = ConsumerPointerRules.Commit(Configured(), Commit("old", 41, partition: 1), T0, sealedKeys, AuditKey.DemoNotSecret);
        Assert.Equal((CommitOutcome.Duplicate, 40L), (result.Result.Outcome, result.Result.CommittedOffset));
    }

    private sealed class SealedLedgerIndexStub(LedgerEntry entry) : ILedgerIndex
    {
        public LedgerEntry? Find(string key) => key == entry.Key ? entry : null;
    }

    [Fact]
    public void A_move_completes_once_every_live_old_instance_has_acknowledged_the_pause()
    {
        var state = ConsumerPointerRules.Heartbeat(Configured(), "b1", "blue", false, T0, Options, AuditKey.DemoNotSecret).Next!;
        state = ConsumerPointerRules.Heartbeat(state, "b2", "blue", false, T0, Options, AuditKey.DemoNotSecret).Next!;
        var request = new MoveRequest { ToConsumerVer = "green", IdempotencyKey = "m1", Operator = "alice", Reason = "cutover" };

        var started = ConsumerPointerRules.StartMove(state, request, T0, Options, AuditKey.DemoNotSecret);
        Assert.Equal(MoveState.Draining, started.Result.State);
        state = started.Next!;
        Assert.Equal(ConsumerDirectiveKind.Pause, ConsumerPointerRules.Heartbeat(state, "g1", "green", false, T0, Options, AuditKey.DemoNotSecret).Result.Kind);

        state = ConsumerPointerRules.Heartbeat(state, "b1", "blue", true, T0.AddSeconds(1), Options, AuditKey.DemoNotSecret).Next!;
        Assert.Equal(MoveState.Draining, ConsumerPointerRules.FindMove(state, "m1")!.State);

        var last = ConsumerPointerRules.Heartbeat(state, "b2", "blue", true, T0.AddSeconds(2), Options, AuditKey.DemoNotSecret);
        Assert.Equal(ConsumerDirectiveKind.Stop, last.Result.Kind);
        state = last.Next!;
        Assert.Equal((MoveState.Completed, "green", 2L), (ConsumerPointerRules.FindMove(state, "m1")!.State, state.ActiveConsumerVer, state.Token));
        Assert.Equal(ConsumerDirectiveKind.Consume, ConsumerPointerRules.Heartbeat(state, "g1", "green", false, T0.AddSeconds(3), Options, AuditKey.DemoNotSecret).Result.Kind);
        Assert.Equal(["configure", "move-start", "move-completed"], state.Audit.Select(a => a.Command));
    }

    [Fact]
    public void Instances_silent_past_the_timeout_do_not_hold_up_a_drain()
    {
        var state = ConsumerPointerRules.Heartbeat(Configured(), "gone", "blue", false, T0, Options, AuditKey.DemoNotSecret).Next!;
        var request = new MoveRequest { ToConsumerVer = "green", IdempotencyKey = "m1", Operator = "alice", Reason = "cutover" };
        var started = ConsumerPointerRules.StartMove(state, request, T0 + Options.InstanceTimeout + TimeSpan.FromSeconds(1), Options, AuditKey.DemoNotSecret);
        Assert.Equal(MoveState.Completed, started.Result.State);
    }

    [Fact]
    public void A_second_move_while_one_drains_is_refused()
    {
        var state = ConsumerPointerRules.Heartbeat(Configured(), "b1", "blue", false, T0, Options, AuditKey.DemoNotSecret).Next!;
        state = ConsumerPointerRules.StartMove(state, new MoveRequest { ToConsumerVer = "green", IdempotencyKey = "m1", Operator = "a", Reason = "r" }, T0, Options, AuditKey.DemoNotSecret).Next!;
        var ex = Assert.Throws<CoordinatorException>(() =>
            ConsumerPointerRules.StartMove(state, new MoveRequest { ToConsumerVer = "red", IdempotencyKey = "m2", Operator = "a", Reason = "r" }, T0, Options, AuditKey.DemoNotSecret));
        Assert.Equal(CoordinatorErrorCode.MoveInProgress, ex.Code);
    }

    [Fact]
    public void Pause_and_resume_belong_to_one_campaign()
    {
        var paused = ConsumerPointerRules.Pause(Configured(), "f", "cmp-1", "alice", T0, AuditKey.DemoNotSecret).Next!;
        Assert.Equal(ConsumerMode.Paused, paused.Mode);
        Assert.Throws<FenceNotOwnedException>(() => ConsumerPointerRules.Resume(paused, "f", "cmp-2", "bob", T0, AuditKey.DemoNotSecret));
        Assert.Null(ConsumerPointerRules.Pause(paused, "f", "cmp-1", "alice", T0, AuditKey.DemoNotSecret).Next);
        Assert.Equal(ConsumerMode.Consuming, ConsumerPointerRules.Resume(paused, "f", "cmp-1", "alice", T0, AuditKey.DemoNotSecret).Next!.Mode);
    }

    [Fact]
    public void An_unconfigured_pointer_refuses_work_with_a_clear_code()
    {
        var ex = Assert.Throws<CoordinatorException>(() => ConsumerPointerRules.Commit(new ConsumerPointerState(), Commit("a"), T0, None, AuditKey.DemoNotSecret));
        Assert.Equal(CoordinatorErrorCode.NotConfigured, ex.Code);
    }

    [Fact]
    public void Configure_refuses_another_version_and_shrinking()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ConsumerPointerRules.Configure(Configured(), "f", "green", 1, "alice", T0, AuditKey.DemoNotSecret));
        Assert.Equal(["consumer_ver", "partitions"], ex.Errors.Select(e => e.Field));
        var grown = ConsumerPointerRules.Configure(Configured(), "f", "blue", 4, "alice", T0, AuditKey.DemoNotSecret).Next!;
        Assert.Equal([0, 1, 2, 3], grown.Offsets.Keys);
    }
}
