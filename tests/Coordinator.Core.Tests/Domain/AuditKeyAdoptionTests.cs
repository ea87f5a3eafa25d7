using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Switchover;

namespace Coordinator.Core.Tests.Domain;

public sealed class AuditKeyAdoptionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly AuditKey Key = AuditKey.DemoNotSecret;

    /// <summary>A pointer as stored before audit keys: plain SHA-256 entries, head and count beside them.</summary>
    private static SwitchoverState Legacy(int count)
    {
        var chain = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            chain.Add(AuditChain.Append(chain, T0.AddMinutes(i), "bob", "flip", $"to=green;n={i}", $"epoch={i}", $"epoch={i + 1}"));
        }

        return new SwitchoverState { Epoch = count, Audit = [.. chain], AuditHead = chain[^1].Hash, AuditCount = count };
    }

    private static Decision<SwitchoverState, AuditAdoption> Adopt(SwitchoverState state, string operatorName = "alice", string reason = "written before the key") =>
        AuditKeyAdoption.Adopt(state, state.Audit, Key, operatorName, reason, T0.AddDays(1), "rag-api/eu-west");

    [Fact]
    public void A_chain_written_before_the_key_fails_keyed_verify_and_says_to_adopt_the_key()
    {
        var state = Legacy(3);

        var before = AuditChain.Verify(state.Audit, Key, state.AuditHead, state.AuditCount);

        Assert.False(before.IsValid);
        Assert.True(before.AdoptionNeeded);
        Assert.Contains(before.Problems, p => p.Contains("adopt the key (console: audit adopt-key)", StringComparison.Ordinal));
    }

    [Fact]
    public void Adoption_appends_one_keyed_entry_covering_the_head_after_which_the_chain_verifies()
    {
        var state = Legacy(3);

        var decision = Adopt(state);

        var next = Assert.IsType<SwitchoverState>(decision.Next);
        var entry = Assert.IsType<AuditEntry>(decision.Result.Entry);
        Assert.True(decision.Result.Appended);
        Assert.Equal(3, decision.Result.UnkeyedEntryCount);
        Assert.Equal((4L, AuditKeyAdoption.Command, "alice", AuditChain.Keyed), (entry.Sequence, entry.Command, entry.Operator, entry.Version));
        Assert.Equal(state.AuditHead, entry.PreviousHash);
        Assert.Equal($"unkeyed=3;head={state.AuditHead};reason=written before the key", entry.Detail);
        Assert.Equal(state.Describe(), entry.After);
        Assert.Equal((entry.Hash, 4L), (next.AuditHead, next.AuditCount));

        var after = AuditChain.Verify(next.Audit, Key, next.AuditHead, next.AuditCount);
        Assert.True(after.IsValid, string.Join("; ", after.Problems));
        Assert.False(after.AdoptionNeeded);
        Assert.Equal((4, 1), (after.EntryCount, after.KeyedEntryCount));
    }

    [Fact]
    public void A_chain_that_ends_keyed_or_is_empty_needs_no_adoption()
    {
        var adopted = Adopt(Legacy(2)).Next!;

        var again = Adopt(adopted);
        var empty = Adopt(new SwitchoverState());

        Assert.Null(again.Next);
        Assert.Equal((false, 2L), (again.Result.Appended, again.Result.UnkeyedEntryCount));
        Assert.Null(empty.Next);
        Assert.Equal((false, 0L), (empty.Result.Appended, empty.Result.UnkeyedEntryCount));
    }

    [Fact]
    public void Unkeyed_entries_after_keyed_ones_are_a_rewrite_and_are_not_adopted()
    {
        var keyed = Adopt(Legacy(2)).Next!;
        var forged = AuditChain.Append(keyed.Audit, T0.AddDays(2), "mallory", "flip", "to=blue", "-", "-");
        var state = keyed with { Audit = keyed.Audit.Add(forged), AuditHead = forged.Hash, AuditCount = 4 };

        var ex = Assert.Throws<CoordinatorException>(() => Adopt(state));

        Assert.Equal(CoordinatorErrorCode.Conflict, ex.Code);
        Assert.Contains("unkeyed entries after keyed ones", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_unkeyed_chain_is_not_adopted()
    {
        var state = Legacy(3);
        var altered = state with { Audit = state.Audit.SetItem(1, state.Audit[1] with { Operator = "mallory" }) };

        var ex = Assert.Throws<CoordinatorException>(() => Adopt(altered));

        Assert.Equal(CoordinatorErrorCode.Conflict, ex.Code);
        Assert.Contains("entry #2 (flip) does not match its hash", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adoption_names_every_bad_field_and_changes_nothing()
    {
        var ex = Assert.Throws<InvalidInputException>(() => Adopt(Legacy(1), operatorName: " ", reason: ""));

        Assert.Equal(["operator", "reason"], ex.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_consumer_pointer_stored_before_its_count_was_kept_is_adopted_with_its_whole_tail_counted()
    {
        var legacy = Legacy(5);
        var state = new ConsumerPointerState { ActiveConsumerVer = "blue", Audit = legacy.Audit, AuditHead = legacy.AuditHead };

        var next = AuditKeyAdoption.Adopt(state, state.Audit, Key, "alice", "pre-key history", T0, "rag-api/eu-west/orders").Next!;

        Assert.Equal(6, next.AuditCount);
        var verification = AuditChain.Verify(next.Audit, Key, next.AuditHead, next.AuditCount);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
    }
}
