using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Leases;

namespace Coordinator.Core.Tests.Leases;

public sealed class LeaseAuditTests
{
    private static readonly (string, string, string) Key = ("rag-api", "eu-west", "indexer");
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private static readonly LeaseRules.RegionFacts Blue = new(4, "idx-blue");
    private static readonly AuditKey AuditKey = AuditKey.DemoNotSecret;

    /// <summary>Grant to w1, renew, a refused grant to w2, freeze, a grant refused while frozen, unfreeze, grant to w2.</summary>
    private static LeaseState History()
    {
        var state = LeaseRules.Acquire(new LeaseState(), Key, "w1", Ttl, Blue, T0, AuditKey).Next!;
        // Past the grant's horizon (30 s + 15 s), so the renewal writes.
        state = LeaseRules.Renew(state, state.Holder!, Ttl, T0.AddSeconds(16)).Next!;
        Assert.Null(LeaseRules.Acquire(state, Key, "w2", Ttl, Blue, T0.AddSeconds(17), AuditKey).Next);
        state = LeaseRules.Freeze(state, "f", "cmp-1", "alice", T0.AddSeconds(18), AuditKey).Next!;
        Assert.Null(LeaseRules.Acquire(state, Key, "w2", Ttl, Blue, T0.AddSeconds(19), AuditKey).Next);
        state = LeaseRules.Unfreeze(state, "f", "cmp-1", "idx-green", "bob", 5, T0.AddSeconds(20), AuditKey).Next!;
        return LeaseRules.Acquire(state, Key, "w2", Ttl, new LeaseRules.RegionFacts(5, "idx-blue"), T0.AddSeconds(21), AuditKey).Next!;
    }

    [Fact]
    public void Grants_freezes_and_unfreezes_join_a_keyed_chain_with_the_operator_as_given_and_renewals_and_refusals_do_not()
    {
        var state = History();

        Assert.Equal(["grant", "freeze", "unfreeze", "grant"], state.Audit.Select(e => e.Command));
        Assert.Equal(["w1", "alice", "bob", "w2"], state.Audit.Select(e => e.Operator));
        Assert.All(state.Audit, e => Assert.Equal(AuditChain.Keyed, e.Version));
        Assert.Equal("token=1;holder=w1;frozen_by=-;pinned=-@0", state.Audit[1].Before);
        Assert.Equal("token=1;holder=-;frozen_by=cmp-1;pinned=-@0", state.Audit[1].After);
        Assert.Contains("token=2;epoch=5;index_hash=idx-green", state.Audit[3].Detail, StringComparison.Ordinal);
        var result = AuditChain.Verify(state.Audit, AuditKey, state.AuditHead, state.AuditCount);
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(4, state.AuditCount);
    }

    [Fact]
    public void A_freeze_rewritten_without_the_key_fails_with_its_head()
    {
        var state = History();
        var chain = state.Audit.ToList();
        for (var i = 1; i < chain.Count; i++)
        {
            var entry = i == 1 ? chain[i] with { Operator = "mallory" } : chain[i];
            entry = entry with { PreviousHash = chain[i - 1].Hash };
            chain[i] = entry with { Hash = AuditChain.ComputeHash(entry) };
        }

        var result = AuditChain.Verify(chain, AuditKey, chain[^1].Hash, state.AuditCount);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Contains("#2 (freeze) does not match its keyed hash", StringComparison.Ordinal));
    }
}
