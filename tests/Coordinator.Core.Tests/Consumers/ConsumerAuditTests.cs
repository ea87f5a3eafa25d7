using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Fences;

namespace Coordinator.Core.Tests.Consumers;

public sealed class ConsumerAuditTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly AuditKey Key = AuditKey.TryParse(Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]), out _)!;
    private static readonly ConsumerPointerOptions Small = new() { LedgerMaxEntries = 100, LedgerSegmentSize = 16, LedgerRetention = TimeSpan.FromHours(1) };

    private sealed class NoSealedKeys : ILedgerIndex
    {
        public LedgerEntry? Find(string key) => null;
    }

    private static CommitRequest Commit(string key, long offset) => new()
    {
        Partition = 0, Offset = offset, IdempotencyKey = key, PayloadHash = "sha256:p", Token = 1, ConsumerVer = "blue",
    };

    private static MoveRequest Move(string to, string key) => new()
    {
        ToConsumerVer = to, IdempotencyKey = key, Operator = "carol", Reason = "cutover", DrainTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Every decision that audits, in one history: configure, pause, resume, a failed and a completed move, a reset, the ledger full and with room again.</summary>
    private static ConsumerPointerState History()
    {
        var state = ConsumerPointerRules.Configure(new ConsumerPointerState(), "f", "blue", 1, "alice", T0, Key).Next!;
        state = ConsumerPointerRules.Pause(state, "f", "cmp-1", "bob", T0, Key).Next!;
        state = ConsumerPointerRules.Resume(state, "f", "cmp-1", "bob", T0, Key).Next!;
        state = ConsumerPointerRules.Heartbeat(state, "pod-1", "blue", false, T0, Small, Key).Next!;
        state = ConsumerPointerRules.StartMove(state, Move("green", "m1"), T0, Small, Key).Next!;

        // pod-1 keeps consuming past the drain timeout, so the move fails.
        state = ConsumerPointerRules.Heartbeat(state, "pod-1", "blue", false, T0.AddSeconds(20), Small, Key).Next!;
        state = ConsumerPointerRules.ExpireMove(state, T0.AddSeconds(31), Small, Key).Next!;
        state = ConsumerPointerRules.ResetOffset(state, 0, 0, "dave", "replay", T0.AddSeconds(32), Key).Next!;
        for (var i = 0; i < 101; i++)
        {
            state = ConsumerPointerRules.Commit(state, Commit($"k{i}", i + 1), T0.AddSeconds(33), new NoSealedKeys(), Key, Small).Next!;

            // As the grain does before each write: full ledger segments are sealed (and expire later).
            state = LedgerCompaction.Compact(state, T0.AddSeconds(33), Small, () => $"seg-{i}").Next;
        }

        var later = T0.AddSeconds(33) + Small.LedgerRetention + TimeSpan.FromSeconds(1);
        state = ConsumerPointerRules.Heartbeat(state, "pod-1", "blue", true, later, Small, Key).Next!;
        state = ConsumerPointerRules.StartMove(state, Move("green", "m2"), later, Small, Key).Next!;
        return state;
    }

    [Fact]
    public void Every_audited_consumer_decision_appends_a_keyed_entry_and_keeps_the_count()
    {
        var state = History();

        Assert.Equal(
            ["configure", "pause", "resume", "move-start", "move-failed", "reset-offset", "ledger-full", "ledger-room", "move-start", "move-completed"],
            state.Audit.Select(e => e.Command));
        Assert.All(state.Audit, e => Assert.Equal(AuditChain.Keyed, e.Version));
        Assert.Equal(["alice", "bob", "bob", "carol", "coordinator", "dave", "coordinator", "coordinator", "carol", "coordinator"], state.Audit.Select(e => e.Operator));
        Assert.Equal((10L, state.Audit[^1].Hash), (state.AuditCount, state.AuditHead));
        var verification = AuditChain.Verify(state.Audit, Key, state.AuditHead, state.AuditCount);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal(10, verification.KeyedEntryCount);
    }

    [Fact]
    public void The_chain_fails_under_another_key_and_when_an_entry_is_rewritten_without_the_key()
    {
        var state = History();
        var chain = state.Audit.ToList();
        for (var i = 5; i < chain.Count; i++)
        {
            var entry = i == 5 ? chain[i] with { Detail = "partition=0;from=0;to=0;reason=nothing to see" } : chain[i];
            entry = entry with { PreviousHash = chain[i - 1].Hash };
            chain[i] = entry with { Hash = AuditChain.ComputeHash(entry) };
        }

        var forged = AuditChain.Verify(chain, Key, chain[^1].Hash, state.AuditCount);
        var otherKey = AuditChain.Verify(state.Audit, AuditKey.DemoNotSecret, state.AuditHead, state.AuditCount);

        Assert.False(forged.IsValid);
        Assert.Contains(forged.Problems, p => p.Contains("#6 (reset-offset) does not match its keyed hash", StringComparison.Ordinal));
        Assert.False(otherKey.IsValid);
        Assert.Contains(otherKey.Problems, p => p.Contains("#1 (configure) does not match its keyed hash", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pointer_stored_with_an_unkeyed_chain_and_no_count_is_pinned_by_its_next_command()
    {
        var unkeyed = new List<AuditEntry>();
        for (var i = 0; i < 3; i++)
        {
            unkeyed.Add(AuditChain.Append(unkeyed, T0.AddMinutes(i), "alice", "pause", $"campaign=c{i}", "-", "-"));
        }

        var stored = new ConsumerPointerState { ActiveConsumerVer = "blue", Partitions = 1, Token = 1, Audit = [.. unkeyed], AuditHead = unkeyed[^1].Hash };
        Assert.True(AuditChain.Verify(stored.Audit, Key, stored.AuditHead, stored.AuditTrail.Count).AdoptionNeeded);

        var next = ConsumerPointerRules.ResetOffset(stored, 0, 5, "dave", "replay", T0.AddHours(1), Key).Next!;

        Assert.Equal((4L, AuditChain.Keyed, unkeyed[^1].Hash), (next.AuditCount, next.Audit[^1].Version, next.Audit[^1].PreviousHash));
        var verification = AuditChain.Verify(next.Audit, Key, next.AuditHead, next.AuditCount);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal(1, verification.KeyedEntryCount);
    }
}
