using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Leases;

namespace Coordinator.Core.Tests.Leases;

/// <summary>Grants from a reserved block of tokens without a write, and what an activation that finds the block may rely on.</summary>
public sealed class LeaseReserveTests
{
    private static readonly (string, string, string) Key = ("rag-api", "eu-west", "indexer");
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private static readonly LeaseRules.RegionFacts Blue = new(4, "idx-blue");
    private static readonly AuditKey AuditKey = AuditKey.DemoNotSecret;

    private static (LeaseState State, LeaseToken Token, bool Recorded) Grant(LeaseState state, string holder, DateTimeOffset now)
    {
        var decision = LeaseRules.Acquire(state, Key, holder, Ttl, Blue, now, AuditKey);
        Assert.Equal(LeaseGrantStatus.Granted, decision.Result.Status);
        return (decision.Next!, decision.Result.Token!, LeaseRules.MustRecord(state, decision.Next!));
    }

    private static LeaseState Release(LeaseState state, LeaseToken token)
    {
        var decision = LeaseRules.Release(state, token);
        Assert.True(decision.Result);
        Assert.False(LeaseRules.MustRecord(state, decision.Next!), "a release lives in memory");
        return decision.Next!;
    }

    /// <summary>Grant to w0, release, grant to w1 a second later (reserves the block), release, grant to w2 from the block.</summary>
    private static (LeaseState Recorded, LeaseState Live, LeaseToken FromMemory) Churned()
    {
        var (state, w0, firstRecorded) = Grant(new LeaseState(), "w0", T0);
        Assert.True(firstRecorded);
        state = Release(state, w0);
        var (reserved, w1, secondRecorded) = Grant(state, "w1", T0.AddSeconds(1));
        Assert.True(secondRecorded);
        var live = Release(reserved, w1);
        var (afterThird, w2, thirdRecorded) = Grant(live, "w2", T0.AddSeconds(2));
        Assert.False(thirdRecorded, "the third grant comes from the reserve");
        return (reserved, afterThird, w2);
    }

    [Fact]
    public void A_grant_on_a_quiet_lease_records_itself_and_reserves_nothing_ahead()
    {
        var (state, token, recorded) = Grant(new LeaseState(), "w1", T0);

        Assert.True(recorded);
        Assert.Equal((1L, 1L), (state.LatestToken, state.ReservedThrough));
        Assert.Equal(T0 + Ttl + LeaseRules.HorizonStep(Ttl), state.ReservedUntil);
        Assert.Equal(state.ReservedUntil, state.Holder!.ExpiresAt);
        Assert.Equal(T0 + Ttl, token.ExpiresAt);

        // The next grant, long after, writes again: nothing was set aside.
        var later = T0 + TimeSpan.FromMinutes(2);
        var (next, _, nextRecorded) = Grant(state, "w2", later);
        Assert.True(nextRecorded);
        Assert.Equal(2, next.ReservedThrough);
    }

    [Fact]
    public void Grants_soon_after_another_reserve_a_block_and_take_its_tokens_from_memory_in_order()
    {
        var (reserved, live, fromMemory) = Churned();

        Assert.Equal(2, reserved.LatestToken);
        Assert.Equal(2 + LeaseRules.ReserveBlock - 1, reserved.ReservedThrough);
        Assert.Equal(3, fromMemory.FencingToken);
        Assert.Equal(3, live.LatestToken);
        Assert.Equal(reserved.ReservedThrough, live.ReservedThrough);
        Assert.Equal(reserved.ReservedUntil, live.ReservedUntil);
        Assert.True(live.Holder!.ExpiresAt <= live.ReservedUntil, "the holder's horizon lies under the reserve's");

        // Each grant is in the chain, in memory until the next write.
        Assert.Equal(["grant", "grant", "grant"], live.Audit.Select(e => e.Command));
        Assert.Equal(LeaseValidity.Valid, LeaseRules.Validate(live, 3, T0.AddSeconds(3)).Validity);
        Assert.Equal(LeaseValidity.Stale, LeaseRules.Validate(live, 2, T0.AddSeconds(3)).Validity);
    }

    [Fact]
    public void A_grant_whose_expiry_would_pass_the_reserves_horizon_writes_and_moves_it()
    {
        var (_, live, w2) = Churned();
        var state = Release(live, w2);
        var late = live.ReservedUntil - Ttl + TimeSpan.FromSeconds(1);

        var (next, token, recorded) = Grant(state, "w3", late);

        Assert.True(recorded);
        Assert.Equal(4, token.FencingToken);
        Assert.Equal(late + Ttl + LeaseRules.HorizonStep(Ttl), next.ReservedUntil);
    }

    [Fact]
    public void An_activation_finding_an_open_reserve_numbers_above_it_refuses_every_token_of_it_and_grants_nothing_before_its_horizon()
    {
        var (recorded, live, fromMemory) = Churned();
        var now = T0.AddSeconds(3);
        var w1 = recorded.Holder!;

        var adopted = LeaseRules.Adopt(recorded, now, AuditKey);

        Assert.Equal(recorded.ReservedThrough, adopted.LatestToken);
        Assert.Equal(recorded.ReservedUntil, adopted.UnrecordedUntil);
        Assert.True(adopted.UnrecordedUntil >= fromMemory.ExpiresAt, "the wait covers the expiry promised from memory");
        Assert.Equal(LeaseValidity.Stale, LeaseRules.Validate(adopted, fromMemory.FencingToken, now).Validity);
        Assert.Equal(LeaseValidity.Expired, LeaseRules.Validate(adopted, adopted.LatestToken, now).Validity);
        Assert.Equal(LeaseGrantStatus.Stale, LeaseRules.Renew(adopted, fromMemory, Ttl, now).Result.Status);
        Assert.Equal("recover", adopted.Audit[^1].Command);
        Assert.Equal(LeaseRules.RecoveryOperator, adopted.Audit[^1].Operator);
        var chain = AuditChain.Verify(adopted.Audit, AuditKey, adopted.AuditHead, adopted.AuditCount);
        Assert.True(chain.IsValid, string.Join("; ", chain.Problems));

        // The recorded holder stands until its recorded horizon and no further: a renewal does not move it.
        Assert.Equal(w1, adopted.Holder);
        Assert.Equal(LeaseValidity.Valid, LeaseRules.Validate(adopted, w1.FencingToken, now).Validity);
        var renew = LeaseRules.Renew(adopted, w1, TimeSpan.FromMinutes(1), now);
        Assert.Null(renew.Next);
        Assert.Equal((LeaseGrantStatus.Granted, w1.ExpiresAt), (renew.Result.Status, renew.Result.Token!.ExpiresAt));

        var held = LeaseRules.Acquire(adopted, Key, "w9", Ttl, Blue, adopted.UnrecordedUntil!.Value.AddTicks(-1), AuditKey);
        Assert.Equal(LeaseGrantStatus.Held, held.Result.Status);

        var (after, token, mustRecord) = Grant(adopted, "w9", adopted.UnrecordedUntil.Value);
        Assert.True(mustRecord);
        Assert.True(token.FencingToken > live.ReservedThrough, $"token {token.FencingToken} is not above the block through {live.ReservedThrough}");
        Assert.Null(after.UnrecordedUntil);
    }

    [Fact]
    public void Without_a_recorded_holder_an_acquire_is_told_the_lease_is_held_by_unrecorded_grants_until_their_horizon()
    {
        var (_, live, fromMemory) = Churned();

        // Recorded while busy (the reserve stays open) after the holder from memory released.
        var recorded = LeaseRules.Record(Release(live, fromMemory), T0.AddSeconds(3)).Next!;
        Assert.True(recorded.ReservedThrough > recorded.LatestToken);
        var adopted = LeaseRules.Adopt(recorded, T0.AddSeconds(4), AuditKey);

        Assert.Null(adopted.Holder);
        var held = LeaseRules.Acquire(adopted, Key, "w9", Ttl, Blue, T0.AddSeconds(4), AuditKey);
        Assert.Null(held.Next);
        Assert.Equal((LeaseGrantStatus.Held, LeaseRules.UnrecordedHolder, recorded.ReservedUntil), (held.Result.Status, held.Result.HeldBy, held.Result.HeldUntil));
    }

    [Fact]
    public void An_activation_finding_a_closed_reserve_keeps_the_holder_until_every_renewal_made_in_memory_has_run_out()
    {
        // w1 (30 s) sets the reserve's horizon; w2, later and with a short TTL, is granted under it with a nearer one.
        var (first, w1, _) = Grant(new LeaseState(), "w1", T0);
        var shortTtl = TimeSpan.FromSeconds(4);
        var grant = LeaseRules.Acquire(Release(first, w1), Key, "w2", shortTtl, Blue, T0.AddSeconds(10), AuditKey);
        var state = grant.Next!;
        Assert.Equal(state.LatestToken, state.ReservedThrough);
        Assert.True(state.Holder!.ExpiresAt < state.ReservedUntil);

        // Past the holder's horizon but inside the reserve's, a renewal moves the holder's in memory only.
        var renewedAt = T0.AddSeconds(14);
        var renew = LeaseRules.Renew(state, grant.Result.Token!, shortTtl, renewedAt);
        Assert.False(LeaseRules.MustRecord(state, renew.Next!));
        Assert.Equal(renewedAt + shortTtl, renew.Result.Token!.ExpiresAt);
        Assert.True(renew.Result.Token.ExpiresAt > state.Holder.ExpiresAt);

        var adopted = LeaseRules.Adopt(state, renewedAt, AuditKey);

        Assert.Equal("w2", adopted.Holder!.HolderId);
        Assert.True(adopted.Holder.ExpiresAt >= renew.Result.Token.ExpiresAt, "the holder stands past the renewal promised from memory");
        Assert.Equal(state.AuditCount, adopted.AuditCount);
        Assert.Equal(LeaseValidity.Valid, LeaseRules.Validate(adopted, state.LatestToken, renew.Result.Token.ExpiresAt.AddTicks(-1)).Validity);
        Assert.Equal(LeaseGrantStatus.Held, LeaseRules.Acquire(adopted, Key, "w3", Ttl, Blue, renew.Result.Token.ExpiresAt, AuditKey).Result.Status);
    }

    [Fact]
    public void A_renewal_past_the_horizon_writes_and_on_a_quiet_lease_closes_the_reserve()
    {
        var (_, live, w2) = Churned();
        var at = live.ReservedUntil - TimeSpan.FromSeconds(1);

        var renew = LeaseRules.Renew(live, w2, Ttl, at);

        Assert.True(LeaseRules.MustRecord(live, renew.Next!));
        Assert.Equal(renew.Next!.LatestToken, renew.Next.ReservedThrough);
        Assert.Equal(at + Ttl + LeaseRules.HorizonStep(Ttl), renew.Next.ReservedUntil);
    }

    [Fact]
    public void Recording_closes_the_reserve_only_once_the_lease_is_quiet()
    {
        var (_, live, _) = Churned();

        var busy = LeaseRules.Record(live, T0.AddSeconds(3)).Next!;
        Assert.Equal(live.ReservedThrough, busy.ReservedThrough);
        Assert.False(LeaseRules.QuietEnoughToRecord(live, T0.AddSeconds(3)));

        // An activation that is going grants nothing more: it closes the reserve busy or not.
        Assert.Equal(live.LatestToken, LeaseRules.Record(live, T0.AddSeconds(3), last: true).Next!.ReservedThrough);

        var quietAt = live.LastGrantedAt + LeaseRules.ChurnWindow;
        Assert.True(LeaseRules.QuietEnoughToRecord(live, quietAt));
        var quiet = LeaseRules.Record(live, quietAt).Next!;
        Assert.Equal(live.LatestToken, quiet.ReservedThrough);

        // Closed, it leaves the holder to a later activation instead of a wait.
        Assert.Equal("w2", LeaseRules.Adopt(quiet, quietAt, AuditKey).Holder!.HolderId);
    }

    [Fact]
    public void A_freeze_is_recorded_revokes_unrecorded_grants_and_closes_the_reserve()
    {
        var (recorded, _, _) = Churned();
        var adopted = LeaseRules.Adopt(recorded, T0.AddSeconds(3), AuditKey);

        var freeze = LeaseRules.Freeze(adopted, "f", "cmp-1", "alice", T0.AddSeconds(4), AuditKey);

        Assert.True(LeaseRules.MustRecord(adopted, freeze.Next!));
        Assert.Null(freeze.Next!.UnrecordedUntil);
        Assert.Equal(freeze.Next.LatestToken, freeze.Next.ReservedThrough);
        var unfrozen = LeaseRules.Unfreeze(freeze.Next, "f", "cmp-1", "idx-green", "bob", 4, T0.AddSeconds(5), AuditKey).Next!;
        var (_, token, mustRecord) = Grant(unfrozen, "w9", T0.AddSeconds(6));
        Assert.True(mustRecord);
        Assert.Equal(recorded.ReservedThrough + 1, token.FencingToken);
    }

    [Fact]
    public void States_written_before_reserves_are_relied_on_as_they_are_and_their_next_grant_writes()
    {
        var legacy = new LeaseState
        {
            LatestToken = 7,
            Holder = new LeaseToken
            {
                Service = "rag-api", Region = "eu-west", Writer = "indexer", HolderId = "w1", FencingToken = 7, Epoch = 4,
                IndexHash = "idx-blue", GrantedAt = T0, ExpiresAt = T0 + Ttl,
            },
        };

        Assert.Same(legacy, LeaseRules.Adopt(legacy, T0, AuditKey));
        var (_, token, mustRecord) = Grant(legacy, "w2", T0 + Ttl);
        Assert.True(mustRecord);
        Assert.Equal(8, token.FencingToken);
    }
}
