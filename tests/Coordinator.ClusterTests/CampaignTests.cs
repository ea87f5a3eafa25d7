using Coordinator.Campaigns;
using Coordinator.ClusterTests.Campaigns;
using Coordinator.Fences;

namespace Coordinator.ClusterTests;

/// <summary>Campaigns end to end on the 3-silo cluster, with an evaluator played by the test.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private IClusterClient Client => fixture.Client;

    /// <summary>Plays the evaluator: answers every region that waits in Warm Green, until the campaign ends.</summary>
    private async Task<CampaignStatus> Drive(
        ICutoverGrain cutover, string service, string campaign, Func<string, double>? coverageOf = null, Func<CampaignStatus, bool>? until = null)
    {
        var answered = new HashSet<string>();
        CampaignStatus? status = null;
        await Poll.UntilAsync(async () =>
        {
            status = await cutover.GetStatusAsync(campaign);
            foreach (var region in status!.Regions.Where(r => r.Outcome == RegionOutcome.InProgress && r.Step == ChecklistStep.WarmGreen))
            {
                if (answered.Add(region.Region))
                {
                    await cutover.SubmitSmokeReportAsync(campaign, CampaignSamples.Smoke(service, region.Region, DateTimeOffset.UtcNow, coverageOf?.Invoke(region.Region) ?? 0.85));
                }
            }

            return until?.Invoke(status) ?? status.State is CampaignState.Completed or CampaignState.RolledBack or CampaignState.WaitingForApproval;
        }, $"campaign {campaign} to finish", Deadline);
        return status!;
    }

    [Fact]
    public async Task A_three_wave_campaign_over_five_regions_completes_with_one_flip_per_region_and_fences_on_green()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(Client, service, 5);
        var cutover = Client.GetGrain<ICutoverGrain>(service);

        await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-1", [regions[0]], [regions[1], regions[2]], [regions[3], regions[4]]));
        var done = await Drive(cutover, service, "cmp-1");

        Assert.Equal(CampaignState.Completed, done.State);
        Assert.All(done.Regions, r => Assert.Equal(RegionOutcome.Done, r.Outcome));
        foreach (var region in regions)
        {
            var pointer = Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));
            var view = await pointer.GetActiveArmAsync();
            Assert.Equal((Arm.Green, 1L, (string?)null), (view.ActiveArm, view.Epoch, view.OwnerCampaign));
            Assert.Single(await pointer.GetAuditAsync(), e => e.Command == "flip");

            var lease = Client.GetGrain<ILeaseGrain>(FenceKey.Format(service, region, "indexer"));
            var grant = await lease.AcquireAsync("indexer-2", TimeSpan.FromMinutes(5));
            Assert.Equal((LeaseGrantStatus.Granted, "idx-green"), (grant.Status, grant.Token!.IndexHash));

            var consumers = await Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, region, "orders")).GetStatusAsync();
            Assert.Equal(("consumer-idx-green", ConsumerMode.Consuming), (consumers.ActiveConsumerVer, consumers.Mode));
        }

        // Replaying the same id and spec returns the campaign; a second campaign may start now.
        Assert.Equal(CampaignState.Completed, (await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-1", [regions[0]], [regions[1], regions[2]], [regions[3], regions[4]]))).Status.State);
    }

    [Fact]
    public async Task A_failed_warm_gate_in_wave_two_rolls_wave_one_back_and_never_starts_wave_three()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(Client, service, 4);
        var cutover = Client.GetGrain<ICutoverGrain>(service);

        await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-2", [regions[0]], [regions[1], regions[2]], [regions[3]]));
        var done = await Drive(cutover, service, "cmp-2", region => region == regions[2] ? 0.40 : 0.85);

        Assert.Equal(CampaignState.RolledBack, done.State);
        Assert.Contains("coverage", done.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(done.RollbackDuration);
        var failed = done.Regions.Single(r => r.Region == regions[2]);
        var coverage = Assert.Single(failed.Warm!.Metrics, m => m.Verdict == GateVerdict.Fail);
        Assert.Contains("coverage", coverage.Metric, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0.40, coverage.Value!.Value, 3);

        var first = Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, regions[0]));
        var view = await first.GetActiveArmAsync();
        Assert.Equal((Arm.Blue, 2L, (string?)null), (view.ActiveArm, view.Epoch, view.OwnerCampaign));
        Assert.Equal(["flip", "flip"], (await first.GetAuditAsync()).Where(e => e.Command == "flip").Select(e => e.Command));

        foreach (var untouched in new[] { regions[2], regions[3] })
        {
            var pointer = await Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, untouched)).GetActiveArmAsync();
            Assert.Equal((Arm.Blue, 0L, (string?)null), (pointer.ActiveArm, pointer.Epoch, pointer.OwnerCampaign));
        }

        Assert.Equal(RegionOutcome.Pending, done.Regions.Single(r => r.Region == regions[3]).Outcome);
        var lease = Client.GetGrain<ILeaseGrain>(FenceKey.Format(service, regions[0], "indexer"));
        var grant = await lease.AcquireAsync("indexer-2", TimeSpan.FromMinutes(5));
        Assert.Equal((LeaseGrantStatus.Granted, "idx-blue"), (grant.Status, grant.Token!.IndexHash));
        var consumers = await Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, regions[0], "orders")).GetStatusAsync();
        Assert.Equal(("consumer-idx-blue", ConsumerMode.Consuming), (consumers.ActiveConsumerVer, consumers.Mode));
    }

    [Fact]
    public async Task A_mismatched_green_manifest_fails_verify_with_a_diff_and_flips_nothing()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(Client, service, 1);
        var cutover = Client.GetGrain<ICutoverGrain>(service);
        var spec = CampaignSamples.Spec(service, "cmp-3", [regions[0]]) with { Target = Fixtures.Manifest("idx-green") with { ModelVer = "model-other" } };

        await cutover.StartAsync(spec);
        var done = await Drive(cutover, service, "cmp-3");

        Assert.Equal(CampaignState.RolledBack, done.State);
        Assert.Contains("model_ver", done.Reason, StringComparison.Ordinal);
        var view = await Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, regions[0])).GetActiveArmAsync();
        Assert.Equal((Arm.Blue, 0L, (string?)null), (view.ActiveArm, view.Epoch, view.OwnerCampaign));
    }

    [Fact]
    public async Task A_second_campaign_is_refused_while_one_runs_and_a_reused_id_with_another_spec_is_a_conflict()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(Client, service, 2);
        var cutover = Client.GetGrain<ICutoverGrain>(service);
        var spec = CampaignSamples.Spec(service, "cmp-4", [regions[0]], [regions[1]]);
        await cutover.StartAsync(spec);

        var second = await Assert.ThrowsAsync<CoordinatorException>(() => cutover.StartAsync(CampaignSamples.Spec(service, "cmp-5", [regions[1]])));
        Assert.Equal(CoordinatorErrorCode.CampaignRunning, second.Code);
        Assert.Contains("cmp-4", second.Message, StringComparison.Ordinal);
        Assert.Equal(("cmp-4", true), ((await cutover.StartAsync(spec)).Status.CampaignId, (await cutover.StartAsync(spec)).Replayed));
        await Assert.ThrowsAsync<IdempotencyKeyConflictException>(() => cutover.StartAsync(spec with { Reason = "something else" }));

        var aborted = await cutover.AbortAsync("cmp-4", "bob", "changed our mind");
        Assert.Contains(aborted.State, new[] { CampaignState.RollingBack, CampaignState.RolledBack });
        await Poll.UntilAsync(async () => (await cutover.GetStatusAsync("cmp-4"))!.State == CampaignState.RolledBack, "the abort to finish rolling back", Deadline);
        var view = await Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, regions[0])).GetActiveArmAsync();
        Assert.Equal(Arm.Blue, view.ActiveArm);
        Assert.Null(view.OwnerCampaign);
    }

    [Fact]
    public async Task Manual_approval_between_waves_refuses_the_starter_under_the_two_person_rule()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(Client, service, 2);
        var cutover = Client.GetGrain<ICutoverGrain>(service);
        var spec = CampaignSamples.Spec(service, "cmp-6", [regions[0]], [regions[1]]) with
        {
            Approval = new ApprovalPolicy { Mode = ApprovalMode.Manual, RequireDistinctApprover = true },
        };
        await cutover.StartAsync(spec);

        var waiting = await Drive(cutover, service, "cmp-6");
        Assert.Equal(CampaignState.WaitingForApproval, waiting.State);
        Assert.Equal(RegionOutcome.Pending, waiting.Regions.Single(r => r.Region == regions[1]).Outcome);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => cutover.ApproveAsync("cmp-6", "alice", "looks good"));
        Assert.Equal("approver", Assert.Single(refused.Errors).Field);
        await cutover.ApproveAsync("cmp-6", "bob", "canary looks good");

        var done = await Drive(cutover, service, "cmp-6");
        Assert.Equal(CampaignState.Completed, done.State);
        Assert.Equal(["bob: canary looks good"], done.Approvals);
    }

    [Fact]
    public async Task Invalid_specs_are_refused_naming_each_path_and_start_nothing()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(Client, service, 1);
        var cutover = Client.GetGrain<ICutoverGrain>(service);
        var spec = CampaignSamples.Spec(service, "cmp-7", [regions[0], "nowhere"], [regions[0]]);

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => cutover.StartAsync(spec));

        Assert.Contains(ex.Errors, e => e.Field == "$.waves[0].regions[1]");
        Assert.Contains(ex.Errors, e => e.Field == "$.waves[1].regions[0]");
        Assert.Null(await cutover.GetStatusAsync("cmp-7"));
    }

    [Fact]
    public async Task A_completed_campaign_rolls_back_later_by_the_same_path_and_pause_holds_progress()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(Client, service, 2);
        var cutover = Client.GetGrain<ICutoverGrain>(service);
        await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-8", [regions[0]], [regions[1]]));

        var paused = await cutover.PauseAsync("cmp-8", "bob", "looking at dashboards");
        Assert.Equal(CampaignState.Paused, paused.State);
        await cutover.ResumeAsync("cmp-8", "bob", "all clear");
        var done = await Drive(cutover, service, "cmp-8");
        Assert.Equal(CampaignState.Completed, done.State);

        await cutover.RollbackAsync("cmp-8", "bob", "customer complaints");
        await Poll.UntilAsync(async () => (await cutover.GetStatusAsync("cmp-8"))!.State == CampaignState.RolledBack, "the rollback to finish", Deadline);

        var rolledBack = await cutover.GetStatusAsync("cmp-8");
        Assert.Contains("customer complaints", rolledBack!.Reason, StringComparison.Ordinal);
        Assert.NotNull(rolledBack.RollbackDuration);
        foreach (var region in regions)
        {
            var pointer = Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));
            var view = await pointer.GetActiveArmAsync();
            Assert.Equal((Arm.Blue, 2L, (string?)null), (view.ActiveArm, view.Epoch, view.OwnerCampaign));
            var consumers = await Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, region, "orders")).GetStatusAsync();
            Assert.Equal(("consumer-idx-blue", ConsumerMode.Consuming), (consumers.ActiveConsumerVer, consumers.Mode));
            var grant = await Client.GetGrain<ILeaseGrain>(FenceKey.Format(service, region, "indexer")).AcquireAsync("indexer-3", TimeSpan.FromMinutes(5));
            Assert.Equal("idx-blue", grant.Token!.IndexHash);
        }
    }
}
