using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Grains.Segments;
using Coordinator.Leases;

namespace Coordinator.ClusterTests;

/// <summary>
/// A seal decided by an activation that then loses the ETag race: the segment it wrote first must not
/// outlive the lost write. On fake time, so the test can recompute the lost decision, and so its seal's id.
/// </summary>
[Collection(FakeTimeClusterCollection.Name)]
public sealed class AuditSealRaceTests(FakeTimeClusterFixture fixture)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task A_seal_that_loses_the_etag_race_leaves_no_segment_behind_and_the_command_is_decided_again_on_the_winners_chain()
    {
        var region = Fixtures.NewRegion();
        await Fixtures.RegisteredRegion(Client, region);
        var fence = FenceKey.Format(Fixtures.Service, region, "indexer");
        var lease = Client.GetGrain<ILeaseGrain>(fence);
        await lease.AcquireAsync("indexer-1", Ttl);
        for (var i = 0; i < 31; i++)
        {
            await lease.FreezeAsync($"cmp-{i}", "alice");
            await lease.UnfreezeAsync($"cmp-{i}", "idx-green", "alice");
        }

        // One entry short of a seal: whichever activation records the next command seals 1..64.
        var before = await StoredState.ValueAsync<LeaseState>(fixture.Cluster, lease, "lease");
        Assert.Equal((AuditSealing.TailLimit - 1, 0), (before.Audit.Count, before.AuditSegments.Count));
        var now = fixture.Clock.GetUtcNow();
        var chain = $"lease/{fence}";

        // Another activation grants the lease and seals, as a grain does: its segment first, then its state.
        // Past the churn window, so it reserves no block ahead (an open reserve would add a "recover" entry here).
        var theirs = LeaseRules.Acquire(before, (Fixtures.Service, region, "indexer"), "indexer-9", Ttl, new LeaseRules.RegionFacts(0, "idx-blue"), now + LeaseRules.ChurnWindow, AuditKey.DemoNotSecret).Next!;
        var (theirState, theirSeal) = AuditSealing.Seal(theirs, chain);
        await Segment(theirSeal.Sealed!.Id).WriteAsync(theirSeal.Entries);
        await StoredState.WriteBehindAsync<LeaseState>(fixture.Cluster, lease, "lease", _ => theirState);

        // Ours, decided on the state this activation last wrote, also reaches 64 and seals other entries under another id.
        var ourLostSeal = AuditSealing.Seal(LeaseRules.Freeze(before, fence, "cmp-ours", "bob", now, AuditKey.DemoNotSecret).Next!, chain).Plan.Sealed!;
        Assert.NotEqual(theirSeal.Sealed.Id, ourLostSeal.Id);

        var frozen = await lease.FreezeAsync("cmp-ours", "bob");

        Assert.Equal("cmp-ours", frozen.FrozenBy);
        var (_, lost) = await StoredState.ReadAsync<SegmentState<AuditEntry>>(fixture.Cluster, Segment(ourLostSeal.Id), "segment");
        Assert.False(lost.RecordExists, $"segment {ourLostSeal.Id} of the lost write is still stored, with {lost.State?.Entries.Count} entries");

        var stored = await StoredState.ValueAsync<LeaseState>(fixture.Cluster, lease, "lease");
        Assert.Equal([theirSeal.Sealed], stored.AuditSegments);
        Assert.Equal(["freeze"], stored.Audit.Select(e => e.Command));
        var audit = await lease.GetAuditAsync();
        Assert.Equal(("grant", "indexer-9"), (audit[63].Command, audit[63].Operator));
        var verification = await lease.VerifyAuditAsync();
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal(65, verification.EntryCount);
    }

    private ISegmentGrain<AuditEntry> Segment(string id) => Client.GetGrain<ISegmentGrain<AuditEntry>>(id);
}
