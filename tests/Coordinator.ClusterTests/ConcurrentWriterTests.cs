using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Leases;
using Coordinator.Grains;
using Coordinator.Switchover;
using Orleans.Runtime;

namespace Coordinator.ClusterTests;

/// <summary>
/// Another activation of the same pointer (as Orleans can briefly run during failures) is played by
/// writing the grain's state through the real storage provider behind the activation's back.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConcurrentWriterTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>When another activation's grant comes too long after ours to reserve a block ahead, so it records everything (open reserves: LeaseReserveTests, LeaseReserveCrashTests).</summary>
    private static DateTimeOffset QuietAfterOurGrant => DateTimeOffset.UtcNow + LeaseRules.ChurnWindow;

    [Fact]
    public async Task A_flip_that_loses_the_etag_race_is_re_decided_on_fresh_state_and_refused_as_stale()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(fixture.Client, region);

        await WriteBehindTheGrain(grain, state =>
            SwitchoverRules.Flip(state, Fixtures.Service, region, Fixtures.Flip(Arm.Green, 0, "other-activation"), Now, AuditKey.DemoNotSecret).Next!);

        // The activation still believes epoch 0; its write must hit the ETag check, re-read, and refuse.
        var stale = await Assert.ThrowsAsync<StaleEpochException>(() => grain.FlipAsync(Fixtures.Flip(Arm.Green, 0, "ours")));
        Assert.Equal(1, stale.Actual);

        var view = await grain.GetActiveArmAsync();
        Assert.Equal((Arm.Green, 1L), (view.ActiveArm, view.Epoch));
        var audit = await grain.VerifyAuditAsync();
        Assert.True(audit.IsValid, string.Join("; ", audit.Problems));
        Assert.Equal(3, audit.EntryCount);
    }

    [Fact]
    public async Task Reads_of_an_activation_that_did_not_write_catch_up_with_the_stored_state_without_a_command()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(fixture.Client, region);

        // Chaos seed 2026 round 64: another activation flipped, this one kept answering epoch 0 to readers.
        await WriteBehindTheGrain(grain, state =>
            SwitchoverRules.Flip(state, Fixtures.Service, region, Fixtures.Flip(Arm.Green, 0, "other-activation"), Now, AuditKey.DemoNotSecret).Next!);

        var view = await Poll.UntilAsync(
            () => grain.GetActiveArmAsync(),
            v => v.Epoch == 1,
            $"the pointer's reads to reach the stored epoch 1 within a few re-read periods ({StoredStateRecheck.Period.TotalSeconds:0} s each)",
            TimeSpan.FromSeconds(60));
        Assert.Equal(Arm.Green, view.ActiveArm);
    }

    [Fact]
    public async Task A_command_still_valid_after_the_race_is_applied_on_top_of_the_other_write()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(fixture.Client, region);

        await WriteBehindTheGrain(grain, state =>
            SwitchoverRules.Register(state, Fixtures.Service, region, Arm.Green, Fixtures.Manifest("idx-green-2"), "bob", Now, AuditKey.DemoNotSecret).Next!);

        var result = await grain.FlipAsync(Fixtures.Flip(Arm.Green, 0));

        Assert.Equal(1, result.Epoch);
        var view = await grain.GetActiveArmAsync();
        Assert.Equal("idx-green-2", view.Green!.IndexHash);
        var audit = await grain.GetAuditAsync();
        Assert.Equal(["register-arm", "register-arm", "register-arm", "flip"], audit.Select(e => e.Command));
        Assert.Equal("bob", audit[2].Operator);
        Assert.True((await grain.VerifyAuditAsync()).IsValid);
    }

    [Fact]
    public async Task An_entry_altered_in_storage_is_reported_by_verify_once_the_grain_reads_it()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(fixture.Client, region);

        await WriteBehindTheGrain(grain, state => state with { Audit = state.Audit.SetItem(0, state.Audit[0] with { Operator = "mallory" }) });

        // Any write now loses the ETag race, which makes the activation re-read the tampered state.
        await grain.ClaimAsync("cmp-audit", "alice");

        var verification = await grain.VerifyAuditAsync();
        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.Contains("#1", StringComparison.Ordinal) && p.Contains("altered", StringComparison.Ordinal));
        Assert.Equal(3, verification.EntryCount);
    }

    [Fact]
    public async Task A_lease_renewal_that_writes_from_a_stale_activation_is_re_decided_and_tokens_never_go_back()
    {
        var region = Fixtures.NewRegion();
        await Fixtures.RegisteredRegion(fixture.Client, region);
        var lease = fixture.Client.GetGrain<ILeaseGrain>(FenceKey.Format(Fixtures.Service, region, "indexer"));
        var ours = (await lease.AcquireAsync("ours", TimeSpan.FromMinutes(5))).Token!;

        // Another activation released our lease and granted token 2 to someone else.
        await WriteBehind<LeaseState>(lease, "lease", state =>
        {
            var released = LeaseRules.Release(state, ours).Next!;
            return LeaseRules.Acquire(released, (Fixtures.Service, region, "indexer"), "theirs", TimeSpan.FromMinutes(5), new LeaseRules.RegionFacts(0, "idx-blue"), QuietAfterOurGrant, AuditKey.DemoNotSecret).Next!;
        });

        // A renewal inside the stored horizon writes nothing and may be answered from this activation's outdated
        // copy; what a sink asks is confirmed against storage, so our token writes nothing anyway.
        await lease.RenewAsync(ours, TimeSpan.FromMinutes(1));
        Assert.Equal(LeaseValidity.Stale, (await lease.ValidateAsync(ours.FencingToken)).Validity);

        // One that reaches past the horizon writes, loses the ETag race, re-reads and is decided again.
        var renewed = await lease.RenewAsync(ours, TimeSpan.FromMinutes(10));

        Assert.Equal(LeaseGrantStatus.Stale, renewed.Status);
        Assert.Equal(2, renewed.LatestFencingToken);
        Assert.Equal(LeaseValidity.Stale, (await lease.ValidateAsync(ours.FencingToken)).Validity);
        Assert.Equal(LeaseValidity.Valid, (await lease.ValidateAsync(2)).Validity);
    }

    [Fact]
    public async Task A_lease_activation_that_did_not_write_never_validates_a_holder_another_activation_revoked()
    {
        var region = Fixtures.NewRegion();
        await Fixtures.RegisteredRegion(fixture.Client, region);
        var fence = FenceKey.Format(Fixtures.Service, region, "indexer");
        var lease = fixture.Client.GetGrain<ILeaseGrain>(fence);
        var ours = (await lease.AcquireAsync("ours", TimeSpan.FromMinutes(5))).Token!;
        Assert.Equal(LeaseValidity.Valid, (await lease.ValidateAsync(ours.FencingToken)).Validity);

        // Another activation froze the lease for a campaign, revoking our holder; this one still holds the grant.
        await WriteBehind<LeaseState>(lease, "lease", state =>
            LeaseRules.Freeze(state, fence, "cmp-other", "bob", DateTimeOffset.UtcNow, AuditKey.DemoNotSecret).Next!);

        // No re-read period to wait for: a validation that could let the token write asks storage first.
        var validation = await lease.ValidateAsync(ours.FencingToken);
        Assert.Equal((LeaseValidity.Frozen, "cmp-other"), (validation.Validity, validation.FrozenBy));

        var status = await Poll.UntilAsync(
            () => lease.GetStatusAsync(),
            s => s.FrozenBy == "cmp-other",
            $"the lease's status to reach the stored freeze within a few re-read periods ({StoredStateRecheck.Period.TotalSeconds:0} s each)",
            TimeSpan.FromSeconds(60));
        Assert.Null(status.Holder);
        Assert.Equal(LeaseValidity.Frozen, (await lease.ValidateAsync(ours.FencingToken)).Validity);
    }

    [Fact]
    public async Task A_token_another_activation_granted_is_valid_at_once_and_the_activations_reads_catch_up()
    {
        var region = Fixtures.NewRegion();
        await Fixtures.RegisteredRegion(fixture.Client, region);
        var lease = fixture.Client.GetGrain<ILeaseGrain>(FenceKey.Format(Fixtures.Service, region, "indexer"));
        var ours = (await lease.AcquireAsync("ours", TimeSpan.FromMinutes(5))).Token!;

        await WriteBehind<LeaseState>(lease, "lease", state =>
        {
            var released = LeaseRules.Release(state, ours).Next!;
            return LeaseRules.Acquire(released, (Fixtures.Service, region, "indexer"), "theirs", TimeSpan.FromMinutes(5), new LeaseRules.RegionFacts(0, "idx-blue"), QuietAfterOurGrant, AuditKey.DemoNotSecret).Next!;
        });

        // Token 2 is above every grant this activation knows of: answered Stale from its copy, a sink's
        // guard would have refused the new holder for good.
        Assert.Equal(LeaseValidity.Valid, (await lease.ValidateAsync(2)).Validity);
        Assert.Equal(LeaseValidity.Stale, (await lease.ValidateAsync(ours.FencingToken)).Validity);

        var status = await Poll.UntilAsync(
            () => lease.GetStatusAsync(),
            s => s.LatestFencingToken == 2,
            $"the lease's status to reach the stored token 2 within a few re-read periods ({StoredStateRecheck.Period.TotalSeconds:0} s each)",
            TimeSpan.FromSeconds(60));
        Assert.Equal("theirs", status.Holder?.HolderId);
    }

    [Fact]
    public async Task Reads_of_a_consumer_pointer_activation_that_did_not_write_catch_up_with_the_stored_state()
    {
        var region = Fixtures.NewRegion();
        var fence = FenceKey.Format(Fixtures.Service, region, "orders");
        var pointer = fixture.Client.GetGrain<IConsumerPointerGrain>(fence);
        await pointer.ConfigureAsync("consumer-blue", 1, "alice");
        var request = new CommitRequest { Partition = 0, Offset = 100, IdempotencyKey = "k-1", PayloadHash = "sha256:p", Token = 1, ConsumerVer = "consumer-blue" };

        // Another activation committed a message and paused the group for a campaign.
        await WriteBehind<ConsumerPointerState>(pointer, "consumers", state =>
        {
            var committed = ConsumerPointerRules.Commit(state, request, DateTimeOffset.UtcNow, new NoSealedKeys(), AuditKey.DemoNotSecret).Next!;
            return ConsumerPointerRules.Pause(committed, fence, "cmp-other", "bob", DateTimeOffset.UtcNow, AuditKey.DemoNotSecret).Next!;
        });

        var status = await Poll.UntilAsync(
            () => pointer.GetStatusAsync(),
            s => s.PausedBy == "cmp-other",
            $"the consumer pointer's status to reach the stored pause within a few re-read periods ({StoredStateRecheck.Period.TotalSeconds:0} s each)",
            TimeSpan.FromSeconds(60));
        Assert.Equal(100, status.Offsets[0]);
        Assert.Equal(1, status.Counters.SideEffectsAccepted);
        var audit = await pointer.GetAuditAsync();
        Assert.Equal(["configure", "pause"], audit.Select(e => e.Command));
        Assert.True((await pointer.VerifyAuditAsync()).IsValid);
    }

    [Fact]
    public async Task A_commit_accepted_by_another_activation_is_a_duplicate_after_the_conflict()
    {
        var region = Fixtures.NewRegion();
        var pointer = fixture.Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(Fixtures.Service, region, "orders"));
        await pointer.ConfigureAsync("consumer-blue", 1, "alice");
        var request = new CommitRequest { Partition = 0, Offset = 100, IdempotencyKey = "k-1", PayloadHash = "sha256:p", Token = 1, ConsumerVer = "consumer-blue" };

        await WriteBehind<ConsumerPointerState>(pointer, "consumers", state =>
            ConsumerPointerRules.Commit(state, request, DateTimeOffset.UtcNow, new NoSealedKeys(), AuditKey.DemoNotSecret).Next!);

        var result = await pointer.CommitAsync(request);

        Assert.Equal((CommitOutcome.Duplicate, 100L), (result.Outcome, result.CommittedOffset));
        var status = await pointer.GetStatusAsync();
        Assert.Equal(1, status.Counters.SideEffectsAccepted);
        Assert.Equal(1, status.Counters.DedupeHits);
    }

    [Fact]
    public async Task A_long_history_is_sealed_out_of_the_pointers_state_and_still_verifies_whole()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(fixture.Client, region);
        for (var epoch = 0; epoch < 150; epoch++)
        {
            await grain.FlipAsync(Fixtures.Flip(epoch % 2 == 0 ? Arm.Green : Arm.Blue, epoch));
        }

        var audit = await grain.GetAuditAsync();
        Assert.Equal(Enumerable.Range(1, 152).Select(i => (long)i), audit.Select(e => e.Sequence));
        var verification = await grain.VerifyAuditAsync();
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal(152, verification.EntryCount);

        var stored = await ReadStored<SwitchoverState>(grain, "switchover");
        Assert.True(stored.Audit.Count < AuditSealing.TailLimit, $"the state still holds {stored.Audit.Count} audit entries");
        Assert.Equal(2, stored.AuditSegments.Count);
        Assert.Equal(152, stored.AuditCount);
    }

    private sealed class NoSealedKeys : ILedgerIndex
    {
        public LedgerEntry? Find(string key) => null;
    }

    private Task WriteBehindTheGrain(ISwitchoverGrain grain, Func<SwitchoverState, SwitchoverState> change) =>
        WriteBehind(grain, "switchover", change);

    private Task WriteBehind<TState>(IAddressable grain, string stateName, Func<TState, TState> change)
        where TState : class, new() => StoredState.WriteBehindAsync(fixture.Cluster, grain, stateName, change);

    private Task<TState> ReadStored<TState>(IAddressable grain, string stateName)
        where TState : class, new() => StoredState.ValueAsync<TState>(fixture.Cluster, grain, stateName);
}
