using Coordinator.Campaigns;
using Coordinator.Client.Fences;
using Coordinator.Fences;

namespace Coordinator.ClusterTests.Campaigns;

/// <summary>Rollbacks where the campaign's record and the world differ, or the world will not budge.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RollbackEdgeTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly ArmManifest Blue = Fixtures.Manifest("idx-blue");
    private static readonly ArmManifest Green = Fixtures.Manifest("idx-green");

    [Fact]
    public async Task A_stuck_consumer_blocks_the_rollback_after_three_attempts_and_rollback_again_finishes_it_once_the_cause_is_gone()
    {
        var service = CampaignSamples.NewService();
        var region = (await CampaignSamples.Fleet(fixture.Client, service, 1))[0];
        var pointer = CampaignSamples.Pointer(fixture.Client, service, region);
        var consumers = CampaignSamples.Consumers(fixture.Client, service, region);
        var cutover = fixture.Client.GetGrain<ICutoverGrain>(service);
        await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-stuck", [region]) with { ConsumerDrainTimeout = TimeSpan.FromSeconds(1) });
        await WaitForAsync(cutover, s => s.Regions[0].Step == ChecklistStep.WarmGreen, "the region to wait in warm-green");
        await cutover.SubmitSmokeReportAsync("cmp-stuck", CampaignSamples.Smoke(service, region, DateTimeOffset.UtcNow));
        await WaitForAsync(cutover, s => s.State == CampaignState.Completed, "the campaign to complete");
        Assert.Equal(Green.ConsumerVer, (await consumers.GetStatusAsync()).ActiveConsumerVer);

        // A Green consumer that never acknowledges a pause: every move back must time out.
        var stubborn = new FencedConsumer(fixture.Client, service, region, CampaignSamples.Group, Green.ConsumerVer, "stubborn");
        await stubborn.HeartbeatAsync(paused: false);
        await cutover.RollbackAsync("cmp-stuck", "bob", "index regressed");

        var blocked = await WaitForAsync(cutover, s => s.State == CampaignState.RollbackBlocked, "the rollback to stop for an operator");
        var progress = blocked.Regions[0];
        Assert.Equal(CampaignLimits.RollbackMoveAttempts, progress.FailedRollbackMoves);
        Assert.Contains(CampaignSamples.Group, progress.RollbackBlocked);
        Assert.Contains("stubborn", progress.RollbackBlocked);
        Assert.Equal("rolled back by bob: index regressed", blocked.Reason);
        Assert.Equal(Arm.Blue, (await pointer.GetActiveArmAsync()).ActiveArm);
        Assert.Equal(Green.ConsumerVer, (await consumers.GetStatusAsync()).ActiveConsumerVer);
        var key = $"cmp-stuck/{region}/{CampaignSamples.Group}/rollback";
        foreach (var attempt in new[] { key, key + "/2", key + "/3" })
        {
            Assert.Equal(MoveState.Failed, (await consumers.GetMoveAsync(attempt))?.State);
        }

        Assert.Null(await consumers.GetMoveAsync(key + "/4"));

        // Nothing is retried while blocked; a new campaign is refused until the rollback ends.
        await Assert.ThrowsAsync<CoordinatorException>(() => cutover.StartAsync(CampaignSamples.Spec(service, "cmp-next", [region])));

        // The operator stops the stuck instance (it acknowledges the pause) and retries the rollback.
        await stubborn.HeartbeatAsync(paused: true);
        var retried = await cutover.RollbackAsync("cmp-stuck", "bob", "stuck consumer stopped");
        Assert.Equal(CampaignState.RollingBack, retried.State);

        var done = await WaitForAsync(cutover, s => s.State == CampaignState.RolledBack, "the retried rollback to finish");
        Assert.Equal(RegionOutcome.RolledBack, done.Regions[0].Outcome);
        Assert.Null(done.Regions[0].RollbackBlocked);
        Assert.Equal(Blue.ConsumerVer, (await consumers.GetStatusAsync()).ActiveConsumerVer);
    }

    [Fact]
    public async Task A_flip_the_campaign_made_but_never_recorded_is_still_taken_back_by_the_rollback()
    {
        var service = CampaignSamples.NewService();
        var region = (await CampaignSamples.Fleet(fixture.Client, service, 1))[0];
        var pointer = CampaignSamples.Pointer(fixture.Client, service, region);
        var cutover = fixture.Client.GetGrain<ICutoverGrain>(service);
        await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-unrecorded", [region]));
        await WaitForAsync(cutover, s => s.Regions[0].Step == ChecklistStep.WarmGreen, "the region to wait in warm-green", "cmp-unrecorded");

        // What a crash between the flip and its record leaves: the pointer on Green by this campaign's
        // flip (it holds the claim), the campaign's record without it.
        var verified = (await pointer.GetActiveArmAsync()).Epoch;
        await pointer.FlipAsync(new FlipRequest
        {
            Target = Arm.Green,
            ExpectedEpoch = verified,
            Operator = "alice",
            Reason = "the campaign's flip, unrecorded",
            IdempotencyKey = $"cmp-unrecorded/{region}/flip",
            CampaignId = "cmp-unrecorded",
        });
        Assert.Null((await cutover.GetStatusAsync("cmp-unrecorded"))!.Regions[0].FlippedEpoch);

        await cutover.AbortAsync("cmp-unrecorded", "bob", "stop");
        var done = await WaitForAsync(cutover, s => s.State == CampaignState.RolledBack, "the abort to finish rolling back", "cmp-unrecorded");

        Assert.Equal(RegionOutcome.RolledBack, done.Regions[0].Outcome);
        var view = await pointer.GetActiveArmAsync();
        Assert.Equal((Arm.Blue, verified + 2), (view.ActiveArm, view.Epoch));
        Assert.Null(view.OwnerCampaign);
    }

    private static async Task<CampaignStatus> WaitForAsync(ICutoverGrain cutover, Func<CampaignStatus, bool> condition, string expected, string campaign = "cmp-stuck")
    {
        CampaignStatus? status = null;
        await Poll.UntilAsync(async () => condition(status = (await cutover.GetStatusAsync(campaign))!), expected, Deadline);
        return status!;
    }
}
