using Coordinator.Campaigns;
using Coordinator.ClusterTests.Campaigns;
using Coordinator.Fences;
using Coordinator.Leases;
using Coordinator.Switchover;

namespace Coordinator.ClusterTests.Reliability;

/// <summary>
/// A write held open by storage and then failed: while it is held, no reader sees what it would
/// have written; after it failed, the caller is told storage did not confirm it, and the grain and
/// every reader agree on the state before it.
/// </summary>
[Collection(HeldWriteCollection.Name)]
public sealed class ConfirmedReadTests(HeldWriteClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_flip_whose_write_fails_is_never_seen_and_a_retry_with_its_key_applies_it_once()
    {
        var region = Fixtures.NewRegion();
        var pointer = await Fixtures.RegisteredRegion(fixture.Client, region);
        var held = HeldWriteStorage.Arm(s => s is SwitchoverState { ActiveArm: Arm.Green });
        var request = Fixtures.Flip(Arm.Green, 0, "held-flip");

        var flip = pointer.FlipAsync(request);
        await held.Reached.Task.WaitAsync(Deadline);
        var during = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => pointer.GetActiveArmAsync()));
        Assert.All(during, view => Assert.Equal((Arm.Blue, 0L), (view.ActiveArm, view.Epoch)));
        Assert.DoesNotContain(await pointer.GetAuditAsync(), e => e.Command == "flip");

        held.Fail();
        var failed = await Assert.ThrowsAsync<StorageUnavailableException>(() => flip);
        Assert.Equal(CoordinatorErrorCode.StorageUnavailable, failed.Code);
        Assert.Contains("outcome unknown", failed.Message, StringComparison.Ordinal);
        var after = await pointer.GetActiveArmAsync();
        Assert.Equal((Arm.Blue, 0L), (after.ActiveArm, after.Epoch));

        var retried = await pointer.FlipAsync(request);
        Assert.Equal((Arm.Green, 1L), (retried.To, retried.Epoch));
        Assert.True((await pointer.VerifyAuditAsync()).IsValid);
        Assert.Single(await pointer.GetAuditAsync(), e => e.Command == "flip");
    }

    [Fact]
    public async Task A_lease_grant_whose_write_fails_hands_out_no_token_anyone_can_validate()
    {
        var region = Fixtures.NewRegion();
        await Fixtures.RegisteredRegion(fixture.Client, region);
        var lease = fixture.Client.GetGrain<ILeaseGrain>(FenceKey.Format(Fixtures.Service, region, "indexer"));
        var held = HeldWriteStorage.Arm(s => s is LeaseState { LatestToken: 1 });

        var acquire = lease.AcquireAsync("indexer-1", TimeSpan.FromMinutes(1));
        await held.Reached.Task.WaitAsync(Deadline);
        var status = await lease.GetStatusAsync();
        Assert.Equal((0L, (LeaseToken?)null), (status.LatestFencingToken, status.Holder));
        Assert.NotEqual(LeaseValidity.Valid, (await lease.ValidateAsync(1)).Validity);

        held.Fail();
        await Assert.ThrowsAsync<StorageUnavailableException>(() => acquire);
        Assert.Equal(0L, (await lease.GetStatusAsync()).LatestFencingToken);
        Assert.NotEqual(LeaseValidity.Valid, (await lease.ValidateAsync(1)).Validity);

        var granted = await lease.AcquireAsync("indexer-1", TimeSpan.FromMinutes(1));
        Assert.Equal(1L, granted.Token!.FencingToken);
        Assert.Equal(LeaseValidity.Valid, (await lease.ValidateAsync(1)).Validity);
    }

    [Fact]
    public async Task A_campaign_whose_first_save_fails_was_never_started()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(fixture.Client, service, 1);
        var cutover = fixture.Client.GetGrain<ICutoverGrain>(service);
        var spec = CampaignSamples.Spec(service, "cmp-held", [regions[0]]);
        var held = HeldWriteStorage.Arm(s => s is CutoverState { Current.CampaignId: "cmp-held" });

        var start = cutover.StartAsync(spec);
        await held.Reached.Task.WaitAsync(Deadline);
        Assert.Null(await cutover.GetStatusAsync("cmp-held"));
        Assert.Empty(await cutover.ListAsync());

        held.Fail();
        await Assert.ThrowsAsync<StorageUnavailableException>(() => start);
        Assert.Null(await cutover.GetStatusAsync("cmp-held"));

        var started = await cutover.StartAsync(spec);
        Assert.Equal((false, 1L), (started.Replayed, started.Status.Version));
        Assert.Single(await cutover.ListAsync());
        await cutover.AbortAsync("cmp-held", "bob", "test over");
    }
}
