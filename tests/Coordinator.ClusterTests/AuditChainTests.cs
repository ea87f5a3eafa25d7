using System.Collections.Immutable;
using Coordinator.Campaigns;
using Coordinator.ClusterTests.Campaigns;
using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Leases;
using Coordinator.Switchover;

namespace Coordinator.ClusterTests;

/// <summary>The lease, consumer-pointer and campaign chains on the cluster: keyed, bounded in state, verified across their segments.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditChainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private IConsumerPointerGrain Consumers(string region, string group = "orders") =>
        Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(Fixtures.Service, region, group));

    [Fact]
    public async Task A_consumer_pointers_commands_form_a_keyed_chain_that_verifies()
    {
        var pointer = Consumers(Fixtures.NewRegion());
        await pointer.ConfigureAsync("consumer-blue", 2, "alice");
        await pointer.PauseAsync("cmp-1", "bob");
        await pointer.ResumeAsync("cmp-1", "bob");
        await pointer.ResetOffsetAsync(1, 40, "dave", "replay after a bad deploy");

        var audit = await pointer.GetAuditAsync();
        var verification = await pointer.VerifyAuditAsync();

        Assert.Equal(["configure", "pause", "resume", "reset-offset"], audit.Select(e => e.Command));
        Assert.Equal(["alice", "bob", "bob", "dave"], audit.Select(e => e.Operator));
        Assert.All(audit, e => Assert.Equal(AuditChain.Keyed, e.Version));
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal((4, 4, true, audit[^1].Hash), (verification.EntryCount, verification.KeyedEntryCount, verification.KeyChecked, verification.HeadHash));
    }

    [Fact]
    public async Task A_consumer_pointer_entry_rewritten_in_storage_with_its_head_fails_verify()
    {
        var pointer = Consumers(Fixtures.NewRegion());
        await pointer.ConfigureAsync("consumer-blue", 1, "alice");
        await pointer.ResetOffsetAsync(0, 10, "dave", "replay");
        await pointer.PauseAsync("cmp-1", "bob");

        // Someone with write access to storage but not the key: alter #2's detail, recompute the public
        // SHA-256 of it and of every later entry, relink, and rewrite the kept head.
        await StoredState.WriteBehindAsync<ConsumerPointerState>(fixture.Cluster, pointer, "consumers", state =>
        {
            var chain = state.Audit.ToList();
            for (var i = 1; i < chain.Count; i++)
            {
                var entry = i == 1 ? chain[i] with { Detail = "partition=0;from=0;to=10;reason=routine" } : chain[i];
                entry = entry with { PreviousHash = chain[i - 1].Hash };
                chain[i] = entry with { Hash = AuditChain.ComputeHash(entry) };
            }

            return state with { Audit = [.. chain], AuditHead = chain[^1].Hash };
        });

        // Any write now loses the ETag race, which makes the activation re-read the rewritten state.
        await pointer.HeartbeatAsync("pod-1", "consumer-blue", paused: false);

        var verification = await pointer.VerifyAuditAsync();
        Assert.False(verification.IsValid);
        Assert.Contains("entry #2 (reset-offset) does not match its keyed hash: it was altered, or the key is not the one it was written with", verification.Problems);
        Assert.Contains("entry #3 (pause) does not match its keyed hash: it was altered, or the key is not the one it was written with", verification.Problems);
        Assert.DoesNotContain(verification.Problems, p => p.Contains("#1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pointer_chain_written_before_the_key_fails_verify_until_the_key_is_adopted_and_then_says_how_much_is_unkeyed()
    {
        var pointer = Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(Fixtures.Service, Fixtures.NewRegion()));
        var registered = new SwitchoverState { Blue = Fixtures.Manifest("idx-blue"), Green = Fixtures.Manifest("idx-green"), ActiveArm = Arm.Green, Epoch = 1 };
        var legacy = UnkeyedAudit.With(registered, DateTimeOffset.UtcNow.AddDays(-30), keepCount: true, "register-arm", "register-arm", "flip");
        await StoredState.SeedAsync(fixture.Cluster, pointer, "switchover", legacy);

        var before = await pointer.VerifyAuditAsync();
        Assert.False(before.IsValid);
        Assert.True(before.AdoptionNeeded);
        Assert.Contains(before.Problems, p => p.Contains("adopt the key (console: audit adopt-key)", StringComparison.Ordinal));

        var adoption = await pointer.AdoptAuditKeyAsync("alice", "written before the audit key was configured");

        Assert.True(adoption.Appended);
        Assert.Equal(3, adoption.UnkeyedEntryCount);
        var entry = Assert.IsType<AuditEntry>(adoption.Entry);
        Assert.Equal((4L, "adopt-key", "alice", AuditChain.Keyed, legacy.AuditHead), (entry.Sequence, entry.Command, entry.Operator, entry.Version, entry.PreviousHash));
        var after = Assert.IsType<AuditVerification>(adoption.Verification);
        Assert.True(after.IsValid, string.Join("; ", after.Problems));
        Assert.Equal((4, 1), (after.EntryCount, after.KeyedEntryCount));
        Assert.True((await pointer.VerifyAuditAsync()).IsValid);

        var again = await pointer.AdoptAuditKeyAsync("alice", "once more");
        Assert.False(again.Appended);
        Assert.Equal(4, (await pointer.GetAuditAsync()).Count);
        var view = await pointer.GetActiveArmAsync();
        Assert.Equal((Arm.Green, 1L), (view.ActiveArm, view.Epoch));
    }

    [Fact]
    public async Task A_consumer_pointer_stored_unkeyed_and_without_a_count_is_adopted_and_keeps_verifying_as_it_grows()
    {
        var pointer = Consumers(Fixtures.NewRegion());
        var configured = new ConsumerPointerState { ActiveConsumerVer = "consumer-blue", Partitions = 1, Token = 1, Offsets = ImmutableSortedDictionary<int, long>.Empty.Add(0, 0) };
        var legacy = UnkeyedAudit.With(configured, DateTimeOffset.UtcNow.AddDays(-30), keepCount: false, "configure", "pause", "resume");
        await StoredState.SeedAsync(fixture.Cluster, pointer, "consumers", legacy);
        Assert.True((await pointer.VerifyAuditAsync()).AdoptionNeeded);

        var adoption = await pointer.AdoptAuditKeyAsync("alice", "pre-key history");
        await pointer.PauseAsync("cmp-1", "bob");

        Assert.Equal((true, 3L), (adoption.Appended, adoption.UnkeyedEntryCount));
        var verification = await pointer.VerifyAuditAsync();
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal((5, 2), (verification.EntryCount, verification.KeyedEntryCount));
        Assert.Equal(5, (await StoredState.ValueAsync<ConsumerPointerState>(fixture.Cluster, pointer, "consumers")).AuditCount);
    }

    [Fact]
    public async Task A_lease_chain_longer_than_the_tail_is_sealed_out_of_state_and_verifies_across_segments()
    {
        var region = Fixtures.NewRegion();
        await Fixtures.RegisteredRegion(Client, region);
        var lease = Client.GetGrain<ILeaseGrain>(FenceKey.Format(Fixtures.Service, region, "indexer"));
        await lease.AcquireAsync("indexer-1", TimeSpan.FromMinutes(5));
        for (var i = 0; i < 23; i++)
        {
            await lease.FreezeAsync($"cmp-{i}", "alice");
            await lease.UnfreezeAsync($"cmp-{i}", "idx-green", "alice");
            await lease.AcquireAsync("indexer-1", TimeSpan.FromMinutes(5));
        }

        var audit = await lease.GetAuditAsync();
        var verification = await lease.VerifyAuditAsync();

        Assert.Equal(Enumerable.Range(1, 70).Select(i => (long)i), audit.Select(e => e.Sequence));
        Assert.Equal(["grant", "freeze", "unfreeze", "grant"], audit.Take(4).Select(e => e.Command));
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal((70, 70), (verification.EntryCount, verification.KeyedEntryCount));

        var stored = await StoredState.ValueAsync<LeaseState>(fixture.Cluster, lease, "lease");
        Assert.Equal(70 - AuditSealing.TailLimit, stored.Audit.Count);
        var segment = Assert.Single(stored.AuditSegments);
        Assert.Equal((1L, 64L, audit[63].Hash), (segment.FirstSequence, segment.LastSequence, segment.LastHash));
        Assert.Equal((70L, audit[^1].Hash), (stored.AuditCount, stored.AuditHead));
    }

    [Fact]
    public async Task A_consumer_pointer_chain_longer_than_the_tail_verifies_across_segments()
    {
        var pointer = Consumers(Fixtures.NewRegion());
        await pointer.ConfigureAsync("consumer-blue", 1, "alice");
        for (var i = 0; i < 40; i++)
        {
            await pointer.PauseAsync($"cmp-{i}", "bob");
            await pointer.ResumeAsync($"cmp-{i}", "bob");
        }

        var verification = await pointer.VerifyAuditAsync();

        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal(81, verification.EntryCount);
        Assert.Equal(81, (await pointer.GetAuditAsync()).Count);
        var stored = await StoredState.ValueAsync<ConsumerPointerState>(fixture.Cluster, pointer, "consumers");
        Assert.Equal((81 - AuditSealing.TailLimit, 1, 81L), (stored.Audit.Count, stored.AuditSegments.Count, stored.AuditCount));
    }

    [Fact]
    public async Task A_services_campaign_chain_longer_than_the_tail_verifies_across_segments()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(Client, service, 1);
        var cutover = Client.GetGrain<ICutoverGrain>(service);

        // No smoke report comes, so the campaign waits in Warm Green (for minutes) while it is paused and resumed.
        await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-long", [regions[0]]));
        for (var i = 0; i < 32; i++)
        {
            await cutover.PauseAsync("cmp-long", "bob", $"look {i}");
            await cutover.ResumeAsync("cmp-long", "bob", $"go on {i}");
        }

        await cutover.AbortAsync("cmp-long", "bob", "done with the test");

        var audit = await cutover.GetAuditAsync();
        var verification = await cutover.VerifyAuditAsync();
        Assert.Equal(66, audit.Count);
        Assert.Equal(["campaign-start", "campaign-pause", "campaign-resume"], audit.Take(3).Select(e => e.Command));
        Assert.Equal("campaign-abort", audit[^1].Command);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        var stored = await StoredState.ValueAsync<CutoverState>(fixture.Cluster, cutover, "cutover");
        Assert.Equal((66 - AuditSealing.TailLimit, 1, 66L), (stored.Audit.Count, stored.AuditSegments.Count, stored.AuditCount));
    }
}
