using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Leases;

namespace Coordinator.Core.Tests.Leases;

public sealed class LeaseRulesTests
{
    private static readonly (string, string, string) Key = ("rag-api", "eu-west", "indexer");
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private static readonly LeaseRules.RegionFacts Blue = new(4, "idx-blue");

    /// <summary>The stored horizon of a fresh grant made at <paramref name="at"/>: no one else is granted the lease before it.</summary>
    private static DateTimeOffset Horizon(DateTimeOffset at) => at + Ttl + LeaseRules.HorizonStep(Ttl);

    private static (LeaseState State, LeaseToken Token) Grant(LeaseState state, string holder, DateTimeOffset now, LeaseRules.RegionFacts? facts = null)
    {
        var decision = LeaseRules.Acquire(state, Key, holder, Ttl, facts ?? Blue, now, AuditKey.DemoNotSecret);
        Assert.Equal(LeaseGrantStatus.Granted, decision.Result.Status);
        return (decision.Next ?? state, decision.Result.Token!);
    }

    [Fact]
    public void A_grant_pins_the_regions_epoch_and_index_hash_and_numbers_tokens_upwards()
    {
        var (state, first) = Grant(new LeaseState(), "w1", T0);
        Assert.Equal((1L, 4L, "idx-blue", T0 + Ttl), (first.FencingToken, first.Epoch, first.IndexHash, first.ExpiresAt));

        var (_, second) = Grant(state, "w2", Horizon(T0));
        Assert.Equal(2, second.FencingToken);
    }

    [Fact]
    public void A_live_lease_is_held_against_others_and_returned_to_its_holder()
    {
        var (state, token) = Grant(new LeaseState(), "w1", T0);

        var other = LeaseRules.Acquire(state, Key, "w2", Ttl, Blue, T0.AddSeconds(10), AuditKey.DemoNotSecret);
        Assert.Null(other.Next);
        Assert.Equal((LeaseGrantStatus.Held, "w1"), (other.Result.Status, other.Result.HeldBy));

        // Its holder is answered with the stored horizon: no one else is granted the lease before it.
        var again = LeaseRules.Acquire(state, Key, "w1", Ttl, Blue, T0.AddSeconds(10), AuditKey.DemoNotSecret);
        Assert.Null(again.Next);
        Assert.Equal(token with { ExpiresAt = Horizon(T0) }, again.Result.Token);
    }

    [Fact]
    public void Validate_answers_valid_stale_expired_and_frozen()
    {
        var (state, old) = Grant(new LeaseState(), "w1", T0);
        var at = Horizon(T0);
        var (state2, current) = Grant(state, "w2", at);

        Assert.Equal(LeaseValidity.Valid, LeaseRules.Validate(state2, current.FencingToken, at).Validity);
        Assert.Equal(LeaseValidity.Stale, LeaseRules.Validate(state2, old.FencingToken, at).Validity);
        Assert.Equal(LeaseValidity.Stale, LeaseRules.Validate(state2, current.FencingToken + 5, at).Validity);
        Assert.Equal(LeaseValidity.Valid, LeaseRules.Validate(state2, current.FencingToken, current.ExpiresAt).Validity);
        Assert.Equal(LeaseValidity.Expired, LeaseRules.Validate(state2, current.FencingToken, Horizon(at)).Validity);

        var frozen = LeaseRules.Freeze(state2, "f", "cmp-1", "alice", T0, AuditKey.DemoNotSecret).Next!;
        var answer = LeaseRules.Validate(frozen, current.FencingToken, T0 + Ttl);
        Assert.Equal((LeaseValidity.Frozen, "cmp-1"), (answer.Validity, answer.FrozenBy));
    }

    [Fact]
    public void Renew_extends_a_holding_token_only()
    {
        var (state, token) = Grant(new LeaseState(), "w1", T0);

        var renewed = LeaseRules.Renew(state, token, Ttl, T0.AddSeconds(20));
        Assert.Equal(T0.AddSeconds(50), renewed.Result.Token!.ExpiresAt);
        Assert.Equal(token.FencingToken, renewed.Result.Token.FencingToken);

        var late = LeaseRules.Renew(state, token, Ttl, Horizon(T0));
        Assert.Equal(LeaseGrantStatus.Expired, late.Result.Status);
        Assert.Null(late.Next);
    }

    [Fact]
    public void A_renewal_inside_the_stored_horizon_writes_nothing_and_one_past_it_moves_the_horizon_half_a_ttl_beyond_its_expiry()
    {
        var (state, token) = Grant(new LeaseState(), "w1", T0);
        Assert.Equal(Horizon(T0), state.Holder!.ExpiresAt);

        var inside = LeaseRules.Renew(state, token, Ttl, T0.AddSeconds(15));
        Assert.Null(inside.Next);
        Assert.Equal((LeaseGrantStatus.Granted, T0.AddSeconds(45)), (inside.Result.Status, inside.Result.Token!.ExpiresAt));

        var past = LeaseRules.Renew(state, token, Ttl, T0.AddSeconds(16));
        Assert.Equal(T0.AddSeconds(46), past.Result.Token!.ExpiresAt);
        Assert.Equal(T0.AddSeconds(61), past.Next!.Holder!.ExpiresAt);
        Assert.Equal(state.AuditCount, past.Next.AuditCount);
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(30, 15)]
    [InlineData(60, 30)]
    [InlineData(3600, 30)]
    public void The_horizon_step_is_half_the_ttl_and_at_most_30_seconds(double ttl, double step) =>
        Assert.Equal(TimeSpan.FromSeconds(step), LeaseRules.HorizonStep(TimeSpan.FromSeconds(ttl)));

    [Fact]
    public void No_one_else_is_granted_the_lease_before_every_expiry_ever_promised_has_passed()
    {
        // A seeded walk of renewals (some writing, most not) by the holder, acquires by others and validations:
        // every expiry promised to the holder or a sink lies before the stored horizon, and a grant to anyone
        // else comes only after the latest promise.
        var random = new Random(20261201);
        var (state, token) = Grant(new LeaseState(), "w1", T0);
        var now = T0;
        var promised = token.ExpiresAt;
        int writes = 0, renewals = 0;
        for (var i = 0; i < 2_000; i++)
        {
            now += TimeSpan.FromMilliseconds(random.Next(0, 12_000));
            var ttl = TimeSpan.FromSeconds(random.Next(1, 61));
            switch (random.Next(3))
            {
                case 0:
                    var renewal = LeaseRules.Renew(state, token, ttl, now);
                    if (renewal.Result.Status == LeaseGrantStatus.Granted)
                    {
                        promised = Max(promised, renewal.Result.Token!.ExpiresAt);
                        renewals++;
                        writes += renewal.Next is null ? 0 : 1;
                        state = renewal.Next ?? state;
                    }

                    break;
                case 1:
                    var validation = LeaseRules.Validate(state, token.FencingToken, now);
                    promised = validation.ValidUntil is { } until ? Max(promised, until) : promised;
                    break;
                default:
                    var other = LeaseRules.Acquire(state, Key, "w2", ttl, Blue, now, AuditKey.DemoNotSecret);
                    if (other.Result.Status == LeaseGrantStatus.Granted)
                    {
                        Assert.True(now >= promised, $"w2 was granted at {now:O}, before {promised:O} promised to w1");
                        state = LeaseRules.Release(other.Next!, other.Result.Token!).Next!;
                        (state, token) = Grant(state, "w1", now);
                        promised = token.ExpiresAt;
                    }

                    break;
            }

            Assert.True(state.Holder is null || promised <= state.Holder.ExpiresAt, $"{promised:O} promised past the stored horizon {state.Holder?.ExpiresAt:O}");
        }

        // Both kinds of renewal happened: the walk covered the write and the no-write path.
        Assert.InRange(writes, 1, renewals - 1);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [Fact]
    public void Freeze_revokes_refuses_grants_and_unfreeze_grants_higher_tokens_with_the_new_index_hash()
    {
        var (state, old) = Grant(new LeaseState(), "w1", T0);
        state = LeaseRules.Freeze(state, "f", "cmp-1", "alice", T0, AuditKey.DemoNotSecret).Next!;
        Assert.Null(state.Holder);

        var refused = LeaseRules.Acquire(state, Key, "w2", Ttl, Blue, T0.AddSeconds(1), AuditKey.DemoNotSecret);
        Assert.Equal((LeaseGrantStatus.Frozen, "cmp-1"), (refused.Result.Status, refused.Result.FrozenBy));
        Assert.Equal(LeaseGrantStatus.Frozen, LeaseRules.Renew(state, old, Ttl, T0.AddSeconds(1)).Result.Status);

        // Idempotent per campaign; another campaign may neither freeze nor unfreeze.
        Assert.Null(LeaseRules.Freeze(state, "f", "cmp-1", "alice", T0, AuditKey.DemoNotSecret).Next);
        Assert.Throws<FenceNotOwnedException>(() => LeaseRules.Freeze(state, "f", "cmp-2", "bob", T0, AuditKey.DemoNotSecret));
        Assert.Throws<FenceNotOwnedException>(() => LeaseRules.Unfreeze(state, "f", "cmp-2", "idx-green", "bob", 5, T0, AuditKey.DemoNotSecret));

        state = LeaseRules.Unfreeze(state, "f", "cmp-1", "idx-green", "alice", 5, T0, AuditKey.DemoNotSecret).Next!;
        Assert.Null(LeaseRules.Unfreeze(state, "f", "cmp-1", "idx-green", "alice", 5, T0, AuditKey.DemoNotSecret).Next);

        var (_, fresh) = Grant(state, "w2", T0.AddSeconds(2), new LeaseRules.RegionFacts(5, "idx-green"));
        Assert.True(fresh.FencingToken > old.FencingToken);
        Assert.Equal("idx-green", fresh.IndexHash);
        Assert.Equal(LeaseValidity.Stale, LeaseRules.Validate(state with { LatestToken = fresh.FencingToken }, old.FencingToken, T0).Validity);
    }

    [Fact]
    public void An_unfreeze_by_a_campaign_that_never_froze_is_refused()
    {
        var ex = Assert.Throws<FenceNotOwnedException>(() => LeaseRules.Unfreeze(new LeaseState(), "f", "cmp-9", "idx", "alice", 0, T0, AuditKey.DemoNotSecret));
        Assert.Equal(CoordinatorErrorCode.FenceNotOwned, ex.Code);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3601)]
    public void A_ttl_out_of_range_is_refused(double seconds)
    {
        var ex = Assert.Throws<InvalidInputException>(() => LeaseRules.Acquire(new LeaseState(), Key, "w1", TimeSpan.FromSeconds(seconds), Blue, T0, AuditKey.DemoNotSecret));
        Assert.Equal("ttl", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void An_empty_holder_is_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => LeaseRules.Acquire(new LeaseState(), Key, " ", Ttl, Blue, T0, AuditKey.DemoNotSecret));
        Assert.Equal("holder", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void Release_ends_only_the_current_grant()
    {
        var (state, token) = Grant(new LeaseState(), "w1", T0);
        Assert.Null(LeaseRules.Release(state, token with { FencingToken = 0 }).Next);
        var released = LeaseRules.Release(state, token).Next!;
        Assert.Equal(LeaseValidity.Expired, LeaseRules.Validate(released, token.FencingToken, T0).Validity);
        Assert.Equal(2, Grant(released, "w2", T0).Token.FencingToken);
    }

    [Fact]
    public void A_copy_of_the_lease_answers_alone_only_for_tokens_below_its_latest_grant()
    {
        // What one activation holds: w2's grant (token 2), w1's token 1 superseded.
        var (w1State, w1) = Grant(new LeaseState(), "w1", T0);
        var (held, w2) = Grant(LeaseRules.Release(w1State, w1).Next!, "w2", T0);
        var now = T0.AddSeconds(20);

        // What another activation may have written since: w2 renewed, revoked by a freeze, released and
        // re-granted to w3, or nothing.
        var renewed = LeaseRules.Renew(held, w2, Ttl, now).Next!;
        var frozen = LeaseRules.Freeze(held, "f", "cmp-1", "alice", now, AuditKey.DemoNotSecret).Next!;
        var (regranted, w3) = Grant(LeaseRules.Release(held, w2).Next!, "w3", now);
        LeaseState[] stored = [held, renewed, frozen, regranted];

        // Below the latest grant held: refused by the copy and by whatever storage holds.
        Assert.False(LeaseRules.MustConfirm(held, w1.FencingToken));
        Assert.Equal(LeaseValidity.Stale, LeaseRules.Validate(held, w1.FencingToken, now).Validity);
        Assert.All(stored, s => Assert.NotEqual(LeaseValidity.Valid, LeaseRules.Validate(s, w1.FencingToken, now).Validity));

        // The latest grant and above: the copy's answer can be wrong either way, so storage is asked.
        Assert.True(LeaseRules.MustConfirm(held, w2.FencingToken));
        Assert.True(LeaseRules.MustConfirm(held, w3.FencingToken));
        Assert.Equal(LeaseValidity.Valid, LeaseRules.Validate(held, w2.FencingToken, now).Validity);
        Assert.Equal(LeaseValidity.Frozen, LeaseRules.Validate(frozen, w2.FencingToken, now).Validity);
        Assert.Equal(LeaseValidity.Stale, LeaseRules.Validate(regranted, w2.FencingToken, now).Validity);
        Assert.Equal(LeaseValidity.Expired, LeaseRules.Validate(held, w2.FencingToken, Horizon(T0).AddSeconds(5)).Validity);
        Assert.Equal(LeaseValidity.Valid, LeaseRules.Validate(renewed, w2.FencingToken, Horizon(T0).AddSeconds(5)).Validity);
        Assert.Equal(LeaseValidity.Stale, LeaseRules.Validate(held, w3.FencingToken, now).Validity);
        Assert.Equal(LeaseValidity.Valid, LeaseRules.Validate(regranted, w3.FencingToken, now).Validity);
    }
}
