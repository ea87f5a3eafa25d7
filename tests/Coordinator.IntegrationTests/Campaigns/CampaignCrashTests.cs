using Coordinator.Campaigns;
using Coordinator.Fences;
using Coordinator.IntegrationTests.Infrastructure;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Campaigns;

/// <summary>Where <see cref="CampaignCrashTests"/> stops the campaign before killing its silo.</summary>
public enum CrashAt
{
    Freeze,
    VerifyInvariants,
    WarmGreen,
    Flip,

    /// <summary>The pointer flipped, but the write recording the flip never reached storage.</summary>
    FlipNotRecorded,
    HoldAndWatch,
    Unfreeze,

    /// <summary>Writers unfrozen, consumers moved, pointer released; the write marking the region done never reached storage.</summary>
    UnfreezeNotRecorded,
}

/// <summary>
/// A campaign survives losing the silo that runs it at any checklist step, and while it rolls back:
/// progress is persisted and every step is idempotent. <see cref="CrashingGrainStorage"/> stops the
/// cutover grain exactly at the step (the product has no test hooks), then the test kills the
/// grain's silo and starts another.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class CampaignCrashTests(CrashClusterFixture fixture, ITestOutputHelper output) : IClassFixture<CrashClusterFixture>
{
    private const string Writer = "indexer";
    private const string Group = "orders";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly string[] Regions = ["eu-west", "us-east"];

    // Green differs from Blue in CONSUMER_VER as well as INDEX_HASH, so moving consumers is real work.
    private static readonly ArmManifest Blue = Samples.Blue;
    private static readonly ArmManifest Green = Samples.Green with { ConsumerVer = "consumer-8" };

    private AzureTestCluster Cluster => fixture.Cluster;

    [Theory]
    [InlineData(CrashAt.Freeze)]
    [InlineData(CrashAt.VerifyInvariants)]
    [InlineData(CrashAt.WarmGreen)]
    [InlineData(CrashAt.Flip)]
    [InlineData(CrashAt.FlipNotRecorded)]
    [InlineData(CrashAt.HoldAndWatch)]
    [InlineData(CrashAt.Unfreeze)]
    [InlineData(CrashAt.UnfreezeNotRecorded)]
    public async Task Killing_the_campaigns_silo_at_a_checklist_step_still_moves_every_region_to_green_with_one_flip(CrashAt at)
    {
        var (service, campaign, cutover) = await FleetAsync();
        var (matches, persist) = PointOf(at);
        using var point = CrashPoints.Arm(campaign, at.ToString(), s => matches(s.Regions.Single(r => r.Region == Regions[0])), persist);
        await cutover.StartAsync(Spec(service, campaign, TimeSpan.Zero));

        var killed = await KillTheCampaignsSiloAsync(cutover, campaign, point);
        var done = await FinishAsync(cutover, campaign);
        await AssertRunsElsewhereAsync(cutover, killed);

        Assert.Equal(CampaignState.Completed, done.State);
        foreach (var region in Regions)
        {
            Assert.Equal(RegionOutcome.Done, done.Regions.Single(r => r.Region == region).Outcome);
            var pointer = Cluster.Region(service, region);
            var view = await pointer.GetActiveArmAsync();
            Assert.Equal((Arm.Green, 1L, (string?)null), (view.ActiveArm, view.Epoch, view.OwnerCampaign));
            var flip = Assert.Single(await pointer.GetAuditAsync(), e => e.Command == "flip");
            Assert.Contains($"key={campaign}/{region}/flip;", flip.Detail, StringComparison.Ordinal);
            await AssertFencesOnAsync(service, region, Green);
            await AssertAuditVerifiesAsync(pointer);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Killing_the_campaigns_silo_while_it_rolls_back_returns_every_region_to_blue_with_one_flip_each_way(bool rollbackRecorded)
    {
        var (service, campaign, cutover) = await FleetAsync();

        // A long hold with no Green telemetry keeps both flipped regions holding until the abort.
        await cutover.StartAsync(Spec(service, campaign, TimeSpan.FromMinutes(30)));
        await PlayEvaluatorAsync(
            cutover, campaign, s => s.Regions.All(r => r is { Outcome: RegionOutcome.InProgress, Step: ChecklistStep.HoldAndWatch }), "both regions to flip and hold");

        // Stop once the first region is back on Blue: with its rollback recorded, or with the record lost.
        using var point = CrashPoints.Arm(
            campaign,
            $"rolling back, {Regions[0]} {(rollbackRecorded ? "recorded" : "not recorded")}",
            s => s.State == CampaignState.RollingBack && s.Regions.Single(r => r.Region == Regions[0]).Outcome == RegionOutcome.RolledBack,
            rollbackRecorded);
        var abort = cutover.AbortAsync(campaign, Samples.Operator, "crash test: abort mid-hold");

        // The abort's caller never hears back (its silo died mid-call); the rollback carries on regardless.
        _ = abort.ContinueWith(static t => t.Exception, TaskScheduler.Default);
        var killed = await KillTheCampaignsSiloAsync(cutover, campaign, point);
        var done = await FinishAsync(cutover, campaign);
        await AssertRunsElsewhereAsync(cutover, killed);

        Assert.Equal(CampaignState.RolledBack, done.State);
        foreach (var region in Regions)
        {
            Assert.Equal(RegionOutcome.RolledBack, done.Regions.Single(r => r.Region == region).Outcome);
            var pointer = Cluster.Region(service, region);
            var view = await pointer.GetActiveArmAsync();
            Assert.Equal((Arm.Blue, 2L, (string?)null), (view.ActiveArm, view.Epoch, view.OwnerCampaign));
            var flips = (await pointer.GetAuditAsync()).Where(e => e.Command == "flip").ToList();
            Assert.Collection(
                flips,
                e => Assert.Contains($"key={campaign}/{region}/flip;", e.Detail, StringComparison.Ordinal),
                e => Assert.Contains($"key={campaign}/{region}/rollback;", e.Detail, StringComparison.Ordinal));
            await AssertFencesOnAsync(service, region, Blue);
            await AssertAuditVerifiesAsync(pointer);
        }
    }

    /// <summary>Which write of the first region's progress the grain stops at, and whether that write reaches storage.</summary>
    private static (Func<RegionProgress, bool> Matches, bool Persist) PointOf(CrashAt at) => at switch
    {
        CrashAt.Freeze => (r => r is { Outcome: RegionOutcome.InProgress, Step: ChecklistStep.Freeze }, true),
        CrashAt.VerifyInvariants => (r => r.Step == ChecklistStep.VerifyInvariants, true),
        CrashAt.WarmGreen => (r => r.Step == ChecklistStep.WarmGreen, true),
        CrashAt.Flip => (r => r.Step == ChecklistStep.Flip, true),
        CrashAt.FlipNotRecorded => (r => r.Step == ChecklistStep.HoldAndWatch, false),
        CrashAt.HoldAndWatch => (r => r.Step == ChecklistStep.HoldAndWatch, true),
        CrashAt.Unfreeze => (r => r is { Outcome: RegionOutcome.InProgress, Step: ChecklistStep.Unfreeze }, true),
        CrashAt.UnfreezeNotRecorded => (r => r.Outcome == RegionOutcome.Done, false),
        _ => throw new ArgumentOutOfRangeException(nameof(at), at, "no crash point defined"),
    };

    /// <summary>Both regions with Blue active, a writer holding a lease and a consumer group on Blue's CONSUMER_VER.</summary>
    private async Task<(string Service, string Campaign, ICutoverGrain Cutover)> FleetAsync()
    {
        var service = TestIds.New("svc");
        foreach (var region in Regions)
        {
            var pointer = Cluster.Region(service, region);
            await pointer.RegisterArmAsync(Arm.Blue, Blue, Samples.Operator);
            await pointer.RegisterArmAsync(Arm.Green, Green, Samples.Operator);
            var grant = await Lease(service, region).AcquireAsync("indexer-1", TimeSpan.FromMinutes(5));
            Assert.Equal(LeaseGrantStatus.Granted, grant.Status);
            await Consumers(service, region).ConfigureAsync(Blue.ConsumerVer, 2, Samples.Operator);
        }

        return (service, TestIds.New("cmp"), Cluster.Client.GetGrain<ICutoverGrain>(service));
    }

    private static CampaignSpec Spec(string service, string campaign, TimeSpan hold) => new()
    {
        Service = service,
        CampaignId = campaign,
        Target = Green,
        Waves = [new WaveSpec { Regions = [.. Regions] }],
        Fences = new FenceSpec { Writers = [Writer], ConsumerGroups = [Group] },
        Hold = hold,
        SmokeDeadline = TimeSpan.FromMinutes(10),
        Operator = Samples.Operator,
        Reason = "crash test",
    };

    /// <summary>Plays the evaluator until the grain stops at <paramref name="point"/>, then kills the silo it runs on and starts another.</summary>
    private async Task<SiloAddress> KillTheCampaignsSiloAsync(ICutoverGrain cutover, string campaign, CrashPoint point)
    {
        await PlayEvaluatorAsync(cutover, campaign, _ => point.Reached.IsCompleted, $"the campaign to stop at {point.Description}", point.Reached);
        var silos = Cluster.Cluster.Silos.Select(s => s.SiloAddress).ToArray();
        var host = Assert.Single(await Cluster.HostsOfAsync(cutover.GetGrainId(), silos));
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} campaign stopped at {point.Description}; killing {host}, which runs it");
        await Cluster.Cluster.KillSiloAsync(Cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        point.SiloKilled();
        await Cluster.Cluster.StartAdditionalSiloAsync();
        return host;
    }

    /// <summary>The campaign finished on a live silo, not on the one killed while it was stopped.</summary>
    private async Task AssertRunsElsewhereAsync(ICutoverGrain cutover, SiloAddress killed)
    {
        var now = Assert.Single(await Cluster.HostsOfAsync(cutover.GetGrainId(), [.. Cluster.Cluster.Silos.Select(s => s.SiloAddress)]));
        Assert.NotEqual(killed, now);
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} the campaign finished on {now}");
    }

    private Task<CampaignStatus> FinishAsync(ICutoverGrain cutover, string campaign) =>
        PlayEvaluatorAsync(cutover, campaign, s => s.State is CampaignState.Completed or CampaignState.RolledBack, "the campaign to finish after the crash");

    private static Task<CampaignStatus> PlayEvaluatorAsync(
        ICutoverGrain cutover, string campaign, Func<CampaignStatus, bool> done, string expected, Task? stopped = null) =>
        EvaluatorPlayer.PlayAsync(cutover, campaign, Green, done, expected, Deadline, stopped);

    private async Task AssertFencesOnAsync(string service, string region, ArmManifest arm)
    {
        var lease = await Lease(service, region).GetStatusAsync();
        Assert.Equal(((string?)null, arm.IndexHash), (lease.FrozenBy, lease.PinnedIndexHash));
        var grant = await Lease(service, region).AcquireAsync("indexer-2", TimeSpan.FromMinutes(5));
        Assert.Equal((LeaseGrantStatus.Granted, arm.IndexHash), (grant.Status, grant.Token!.IndexHash));
        var consumers = await Consumers(service, region).GetStatusAsync();
        Assert.Equal((arm.ConsumerVer, ConsumerMode.Consuming), (consumers.ActiveConsumerVer, consumers.Mode));
    }

    private static async Task AssertAuditVerifiesAsync(ISwitchoverGrain pointer)
    {
        var verification = await pointer.VerifyAuditAsync();
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
    }

    private ILeaseGrain Lease(string service, string region) => Cluster.Client.GetGrain<ILeaseGrain>(FenceKey.Format(service, region, Writer));

    private IConsumerPointerGrain Consumers(string service, string region) => Cluster.Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, region, Group));
}
