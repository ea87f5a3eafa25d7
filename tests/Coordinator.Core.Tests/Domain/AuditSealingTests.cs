using Coordinator.Domain;
using Coordinator.Leases;

namespace Coordinator.Core.Tests.Domain;

public sealed class AuditSealingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly AuditKey Key = AuditKey.DemoNotSecret;
    private const string Chain = "lease/rag-api/eu-west/indexer";

    private static AuditTrail Trail(int count, AuditTrail? start = null)
    {
        var trail = start ?? new AuditTrail();
        for (var i = 0; i < count; i++)
        {
            trail = trail.Append(Key, T0.AddSeconds(trail.Count), "alice", "grant", $"token={trail.Count + 1}", "-", "-");
        }

        return trail;
    }

    /// <summary>Seals as an owner does before every write, keeping what each segment was given.</summary>
    private static (AuditTrail Trail, List<IReadOnlyList<AuditEntry>> Sealed) Grow(int count)
    {
        var trail = new AuditTrail();
        var segments = new List<IReadOnlyList<AuditEntry>>();
        for (var i = 0; i < count; i++)
        {
            var plan = AuditSealing.Seal(Trail(1, trail), Chain);
            trail = plan.Next;
            if (plan.Sealed is not null)
            {
                segments.Add(plan.Entries);
            }
        }

        return (trail, segments);
    }

    [Fact]
    public void A_tail_below_the_limit_stays_in_state()
    {
        var trail = Trail(AuditSealing.TailLimit - 1);

        var plan = AuditSealing.Seal(trail, Chain);

        Assert.Null(plan.Sealed);
        Assert.Same(trail, plan.Next);
        Assert.Empty(plan.Entries);
    }

    [Fact]
    public void A_full_tail_moves_into_a_segment_named_by_the_chain_its_range_and_last_hash()
    {
        var trail = Trail(AuditSealing.TailLimit);

        var plan = AuditSealing.Seal(trail, Chain);

        var segment = Assert.IsType<AuditSegmentRef>(plan.Sealed);
        Assert.Equal(new AuditSegmentRef($"{Chain}/audit/1-64-{trail.Head}", 1, 64, trail.Head), segment);
        Assert.Equal(trail.Tail, plan.Entries);
        Assert.Empty(plan.Next.Tail);
        Assert.Equal([segment], plan.Next.Segments);
        Assert.Equal((trail.Head, 64L), (plan.Next.Head, plan.Next.Count));
    }

    [Fact]
    public void Deciding_the_same_seal_again_names_the_same_segment_and_other_entries_or_chains_another()
    {
        var trail = Trail(AuditSealing.TailLimit - 1);
        var ours = trail.Append(Key, T0.AddHours(1), "alice", "freeze", "campaign=c1", "-", "-");
        var theirs = trail.Append(Key, T0.AddHours(1), "bob", "freeze", "campaign=c2", "-", "-");

        var first = AuditSealing.Seal(ours, Chain).Sealed!;
        var again = AuditSealing.Seal(ours, Chain).Sealed!;
        var other = AuditSealing.Seal(theirs, Chain).Sealed!;
        var otherChain = AuditSealing.Seal(ours, "consumers/rag-api/eu-west/indexer").Sealed!;

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.NotEqual(first.Id, otherChain.Id);
    }

    [Fact]
    public void The_chain_goes_on_from_the_kept_head_and_verifies_across_segments_and_tail()
    {
        var (trail, segments) = Grow(150);

        Assert.Equal(2, trail.Segments.Count);
        Assert.Equal(150 - (2 * AuditSealing.TailLimit), trail.Tail.Count);
        Assert.Equal(129, trail.Tail[0].Sequence);
        Assert.Equal(trail.Segments[1].LastHash, trail.Tail[0].PreviousHash);
        var verification = AuditSealing.Verify(trail, segments, Key);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal((150, 150), (verification.EntryCount, verification.KeyedEntryCount));
        Assert.Equal(Enumerable.Range(1, 150).Select(i => (long)i), AuditSealing.Whole(trail, segments).Select(e => e.Sequence));
    }

    [Fact]
    public void A_segment_lost_or_altered_in_storage_fails_verification()
    {
        var (trail, segments) = Grow(130);

        var lost = AuditSealing.Verify(trail, [[], segments[1]], Key);
        Assert.False(lost.IsValid);
        Assert.Contains("sealed segment 1-64 does not hold what was sealed: entries were removed or altered", lost.Problems);

        var altered = segments[1].Select(e => e.Sequence == 70 ? e with { Detail = "token=999" } : e).ToList();
        var rewritten = AuditSealing.Verify(trail, [segments[0], altered], Key);
        Assert.False(rewritten.IsValid);
        Assert.Contains(rewritten.Problems, p => p.Contains("#70 (grant) does not match its keyed hash", StringComparison.Ordinal));

        var swapped = AuditSealing.Verify(trail, [segments[1], segments[0]], Key);
        Assert.False(swapped.IsValid);
        Assert.Contains("sealed segment 65-128 does not hold what was sealed: entries were removed or altered", swapped.Problems);
    }

    [Fact]
    public void A_leases_state_is_sealed_through_its_trail_and_keeps_everything_else()
    {
        var state = new LeaseState { LatestToken = 7, FrozenBy = "cmp-1" }.WithAuditTrail(Trail(AuditSealing.TailLimit));

        var (sealedState, plan) = AuditSealing.Seal(state, Chain);

        Assert.NotNull(plan.Sealed);
        Assert.Empty(sealedState.Audit);
        Assert.Equal([plan.Sealed], sealedState.AuditSegments);
        Assert.Equal((7L, "cmp-1", 64L), (sealedState.LatestToken, sealedState.FrozenBy, sealedState.AuditCount));
        Assert.Same(sealedState, AuditSealing.Seal(sealedState, Chain).Next);
    }
}
