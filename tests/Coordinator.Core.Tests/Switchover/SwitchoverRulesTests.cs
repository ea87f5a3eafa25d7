using Coordinator.Domain;
using Coordinator.Switchover;

namespace Coordinator.Core.Tests.Switchover;

public sealed class SwitchoverRulesTests
{
    private const string Service = "rag-api";
    private const string Region = "eu-west";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static SwitchoverState Registered()
    {
        var state = new SwitchoverState();
        state = SwitchoverRules.Register(state, Service, Region, Arm.Blue, Samples.Manifest("idx-blue"), "alice", Now, AuditKey.DemoNotSecret).Next!;
        return SwitchoverRules.Register(state, Service, Region, Arm.Green, Samples.Manifest("idx-green"), "alice", Now, AuditKey.DemoNotSecret).Next!;
    }

    private static FlipRequest Flip(Arm to, long expected, string key = "k1", string? campaign = null) => new()
    {
        Target = to, ExpectedEpoch = expected, Operator = "alice", Reason = "cutover", IdempotencyKey = key, CampaignId = campaign,
    };

    [Fact]
    public void A_flip_moves_the_pointer_bumps_the_epoch_and_audits_it()
    {
        var state = Registered();

        var decision = SwitchoverRules.Flip(state, Service, Region, Flip(Arm.Green, 0), Now, AuditKey.DemoNotSecret);

        var next = Assert.IsType<SwitchoverState>(decision.Next);
        Assert.Equal(Arm.Green, next.ActiveArm);
        Assert.Equal(1, next.Epoch);
        Assert.Equal(new FlipResult { From = Arm.Blue, To = Arm.Green, Epoch = 1, At = Now, IdempotencyKey = "k1", AuditHash = next.AuditHead }, decision.Result);
        Assert.Equal(3, next.AuditCount);
        Assert.Equal("flip", next.Audit[^1].Command);
        Assert.Contains("epoch=0", next.Audit[^1].Before, StringComparison.Ordinal);
        Assert.Contains("epoch=1", next.Audit[^1].After, StringComparison.Ordinal);
        Assert.True(AuditChain.Verify(next.Audit, next.AuditHead, next.AuditCount).IsValid);
    }

    [Fact]
    public void A_stale_epoch_is_refused_before_the_already_active_check()
    {
        var state = SwitchoverRules.Flip(Registered(), Service, Region, Flip(Arm.Green, 0), Now, AuditKey.DemoNotSecret).Next!;

        var ex = Assert.Throws<StaleEpochException>(() => SwitchoverRules.Flip(state, Service, Region, Flip(Arm.Green, 0, "k2"), Now, AuditKey.DemoNotSecret));

        Assert.Equal(0, ex.Expected);
        Assert.Equal(1, ex.Actual);
        Assert.Equal(CoordinatorErrorCode.StaleEpoch, ex.Code);
    }

    [Fact]
    public void A_flip_to_the_active_arm_is_refused()
    {
        var ex = Assert.Throws<ArmAlreadyActiveException>(() => SwitchoverRules.Flip(Registered(), Service, Region, Flip(Arm.Blue, 0), Now, AuditKey.DemoNotSecret));
        Assert.Contains("already active", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flip_to_an_unregistered_arm_is_refused()
    {
        var state = SwitchoverRules.Register(new SwitchoverState(), Service, Region, Arm.Blue, Samples.Manifest(), "alice", Now, AuditKey.DemoNotSecret).Next!;
        var ex = Assert.Throws<ArmNotRegisteredException>(() => SwitchoverRules.Flip(state, Service, Region, Flip(Arm.Green, 0), Now, AuditKey.DemoNotSecret));
        Assert.Equal(Arm.Green, ex.Arm);
    }

    [Fact]
    public void A_replayed_key_returns_the_first_result_and_changes_nothing()
    {
        var first = SwitchoverRules.Flip(Registered(), Service, Region, Flip(Arm.Green, 0), Now, AuditKey.DemoNotSecret);
        var later = SwitchoverRules.Flip(first.Next!, Service, Region, Flip(Arm.Blue, 1, "k2"), Now.AddMinutes(1), AuditKey.DemoNotSecret).Next!;

        var replay = SwitchoverRules.Flip(later, Service, Region, Flip(Arm.Green, 0), Now.AddMinutes(2), AuditKey.DemoNotSecret);

        Assert.Null(replay.Next);
        Assert.True(replay.Result.Replayed);
        Assert.Equal(first.Result with { Replayed = true }, replay.Result);
    }

    [Fact]
    public void A_reused_key_for_a_different_request_is_a_conflict()
    {
        var state = SwitchoverRules.Flip(Registered(), Service, Region, Flip(Arm.Green, 0), Now, AuditKey.DemoNotSecret).Next!;
        Assert.Throws<IdempotencyKeyConflictException>(() => SwitchoverRules.Flip(state, Service, Region, Flip(Arm.Blue, 1), Now, AuditKey.DemoNotSecret));
    }

    [Fact]
    public void A_key_with_a_request_hash_replays_whatever_epoch_the_retry_read()
    {
        var first = SwitchoverRules.Flip(Registered(), Service, Region, Flip(Arm.Green, 0) with { RequestHash = "h1" }, Now, AuditKey.DemoNotSecret);

        // The retry read the epoch the first attempt produced; its hash says it is the same request.
        var replay = SwitchoverRules.Flip(first.Next!, Service, Region, Flip(Arm.Green, 1) with { RequestHash = "h1" }, Now.AddMinutes(1), AuditKey.DemoNotSecret);

        Assert.Null(replay.Next);
        Assert.Equal(first.Result with { Replayed = true }, replay.Result);
    }

    [Fact]
    public void A_key_with_another_request_hash_is_a_conflict_even_on_the_same_epoch()
    {
        var state = SwitchoverRules.Flip(Registered(), Service, Region, Flip(Arm.Green, 0) with { RequestHash = "h1" }, Now, AuditKey.DemoNotSecret).Next!;

        Assert.Throws<IdempotencyKeyConflictException>(() =>
            SwitchoverRules.Flip(state, Service, Region, Flip(Arm.Green, 0) with { RequestHash = "h2" }, Now, AuditKey.DemoNotSecret));
    }

    [Fact]
    public void Remembered_keys_are_bounded()
    {
        var state = Registered();
        for (var i = 0; i < SwitchoverRules.MaxRecentFlips + 10; i++)
        {
            state = SwitchoverRules.Flip(state, Service, Region, Flip(state.ActiveArm.Other(), state.Epoch, $"key-{i}"), Now, AuditKey.DemoNotSecret).Next!;
        }

        Assert.Equal(SwitchoverRules.MaxRecentFlips, state.RecentFlips.Count);
        Assert.Equal("key-10", state.RecentFlips[0].Key);
    }

    [Fact]
    public void A_claimed_region_refuses_manual_flips_and_registrations_but_not_its_campaign()
    {
        var claimed = SwitchoverRules.Claim(Registered(), Service, Region, "cmp-1", "alice", Now, AuditKey.DemoNotSecret).Next!;

        var manual = Assert.Throws<RegionClaimedException>(() => SwitchoverRules.Flip(claimed, Service, Region, Flip(Arm.Green, 0), Now, AuditKey.DemoNotSecret));
        Assert.Equal("cmp-1", manual.CampaignId);
        Assert.Throws<RegionClaimedException>(() => SwitchoverRules.Flip(claimed, Service, Region, Flip(Arm.Green, 0, campaign: "cmp-2"), Now, AuditKey.DemoNotSecret));
        Assert.Throws<RegionClaimedException>(() => SwitchoverRules.Register(claimed, Service, Region, Arm.Green, Samples.Manifest("x"), "alice", Now, AuditKey.DemoNotSecret));
        Assert.Throws<RegionClaimedException>(() => SwitchoverRules.Claim(claimed, Service, Region, "cmp-2", "bob", Now, AuditKey.DemoNotSecret));
        Assert.Throws<RegionClaimedException>(() => SwitchoverRules.Release(claimed, Service, Region, "cmp-2", "bob", Now, AuditKey.DemoNotSecret));

        var byCampaign = SwitchoverRules.Flip(claimed, Service, Region, Flip(Arm.Green, 0, campaign: "cmp-1"), Now, AuditKey.DemoNotSecret);
        Assert.Equal(1, byCampaign.Next!.Epoch);

        Assert.Null(SwitchoverRules.Claim(claimed, Service, Region, "cmp-1", "alice", Now, AuditKey.DemoNotSecret).Next);
        var released = SwitchoverRules.Release(byCampaign.Next, Service, Region, "cmp-1", "alice", Now, AuditKey.DemoNotSecret).Next!;
        Assert.Null(released.OwnerCampaign);
    }

    [Fact]
    public void The_active_arms_manifest_is_locked_but_an_identical_registration_is_a_no_op()
    {
        var state = Registered();

        Assert.Throws<ActiveManifestLockedException>(() =>
            SwitchoverRules.Register(state, Service, Region, Arm.Blue, Samples.Manifest("idx-other"), "alice", Now, AuditKey.DemoNotSecret));
        var same = SwitchoverRules.Register(state, Service, Region, Arm.Blue, Samples.Manifest("idx-blue"), "alice", Now, AuditKey.DemoNotSecret);
        Assert.Null(same.Next);
        Assert.False(same.Result.Changed);

        var replaced = SwitchoverRules.Register(state, Service, Region, Arm.Green, Samples.Manifest("idx-green-2"), "alice", Now, AuditKey.DemoNotSecret);
        Assert.Equal("idx-green-2", replaced.Next!.Green!.IndexHash);
    }

    [Fact]
    public void Bad_flip_input_lists_every_field()
    {
        var request = new FlipRequest { Target = (Arm)7, ExpectedEpoch = -1, Operator = "", Reason = " ", IdempotencyKey = "", CampaignId = "Bad Id" };

        var ex = Assert.Throws<InvalidInputException>(() => SwitchoverRules.Flip(Registered(), Service, Region, request, Now, AuditKey.DemoNotSecret));

        Assert.Equal(["to", "expected_epoch", "operator", "reason", "idempotency_key", "campaign"], ex.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Bad_registration_input_lists_every_field()
    {
        var ex = Assert.Throws<InvalidInputException>(() =>
            SwitchoverRules.Register(new SwitchoverState(), Service, Region, (Arm)3, Samples.Manifest() with { IndexHash = "" }, "", Now, AuditKey.DemoNotSecret));
        Assert.Equal(["arm", "index_hash", "operator"], ex.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_full_audit_tail_is_sealed_and_the_chain_continues_from_the_recorded_head()
    {
        var state = Registered();
        for (var i = 0; i < 4; i++)
        {
            state = SwitchoverRules.Flip(state, Service, Region, Flip(state.ActiveArm.Other(), state.Epoch, $"k{i}"), Now, AuditKey.DemoNotSecret).Next!;
        }

        var (sealedState, plan) = AuditSealing.Seal(state, "pointer/rag-api/eu-west", 6);
        var segment = Assert.IsType<AuditSegmentRef>(plan.Sealed);
        var entries = plan.Entries;
        Assert.Equal(new AuditSegmentRef($"pointer/rag-api/eu-west/audit/1-6-{state.AuditHead}", 1, 6, state.AuditHead), segment);
        Assert.Equal(state.Audit, entries);
        Assert.Empty(sealedState.Audit);
        Assert.Equal([segment], sealedState.AuditSegments);

        var next = SwitchoverRules.Flip(sealedState, Service, Region, Flip(sealedState.ActiveArm.Other(), sealedState.Epoch, "k9"), Now, AuditKey.DemoNotSecret).Next!;
        Assert.Equal(7, next.Audit[0].Sequence);
        Assert.Equal(state.AuditHead, next.Audit[0].PreviousHash);
        Assert.True(AuditChain.Verify([.. entries, .. next.Audit], next.AuditHead, next.AuditCount).IsValid);

        Assert.Null(AuditSealing.Seal(next, "pointer/rag-api/eu-west", 6).Plan.Sealed);
    }
}
