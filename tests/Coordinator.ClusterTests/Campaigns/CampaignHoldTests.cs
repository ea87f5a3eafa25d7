using Coordinator.Campaigns;
using Coordinator.Fences;
using Microsoft.Extensions.Time.Testing;

namespace Coordinator.ClusterTests.Campaigns;

/// <summary>
/// Hold and watch on fake time. Every silo reads the fixture's <see cref="FakeTimeProvider"/>, and
/// Orleans runs grain timers on it too: the campaign ticks only when a test advances the clock. So
/// 15-minute holds take seconds, and none of these tests could pass on real time.
/// </summary>
[Collection(FakeTimeClusterCollection.Name)]
public sealed class CampaignHoldTests(FakeTimeClusterFixture fixture)
{
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(15);

    // One campaign tick per step: longer than the 1 s between hold evaluations, so every tick in a
    // hold judges the latest telemetry, and short enough to see when a hold ends to within a step.
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RealDeadline = TimeSpan.FromSeconds(60);

    // How long a step waits for the tick it released to show; a tick that changes nothing costs this.
    private static readonly TimeSpan SettleLimit = TimeSpan.FromMilliseconds(250);

    private IClusterClient Client => fixture.Client;

    private FakeTimeProvider Clock => fixture.Clock;

    [Fact]
    public async Task A_stop_rule_firing_mid_hold_rolls_back_every_flipped_region_including_the_finished_canary_and_reports_the_rollback_time()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(Client, service, 3);
        foreach (var region in regions)
        {
            await ReportAndWait(service, region, Arm.Blue, "idx-blue", 400, 0);
        }

        var cutover = Client.GetGrain<ICutoverGrain>(service);
        await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-stop", [regions[0]], [regions[1], regions[2]]) with { Hold = Hold });

        // Wave 1: the canary holds the whole window on healthy Green traffic, and only then passes.
        var holding = await AdvanceUntil(cutover, "cmp-stop", s => InHold(s, regions[0]), TimeSpan.FromMinutes(10), "the canary to flip and hold");
        var canaryFlip = Region(holding, regions[0]).FlippedAt!.Value;
        await ReportAndWait(service, regions[0], Arm.Green, "idx-green", 400, 0);
        await AdvanceTo(canaryFlip + Hold - Step);
        var late = Region((await cutover.GetStatusAsync("cmp-stop"))!, regions[0]);
        Assert.Equal((RegionOutcome.InProgress, ChecklistStep.HoldAndWatch), (late.Outcome, late.Step));
        // A tick may have judged the window before the Green report landed (inconclusive), never failed it.
        Assert.Equal(GateVerdict.Pass, Assert.IsType<GateResult>(late.Hold.LastOrDefault()).Verdict);
        Assert.DoesNotContain(late.Hold, g => g.Verdict == GateVerdict.Fail);

        // Wave 2 flips both its regions; one of them serves 5 % 5xx, over the 1 % stop rule.
        var wave2 = await AdvanceUntil(cutover, "cmp-stop", s => InHold(s, regions[1]) && InHold(s, regions[2]), TimeSpan.FromMinutes(10), "wave 2 to flip both regions and hold");
        var canary = Region(wave2, regions[0]);
        Assert.Equal(RegionOutcome.Done, canary.Outcome);
        var canaryHold = Assert.Single(canary.Steps, r => r.Step == ChecklistStep.HoldAndWatch);
        Assert.True(canaryHold.FinishedAt - canary.FlippedAt >= Hold, $"the canary passed {canaryHold.FinishedAt - canary.FlippedAt} after its flip, before the {Hold} hold ended");

        await ReportAndWait(service, regions[2], Arm.Green, "idx-green", 400, 0.05);
        var done = await AdvanceUntil(cutover, "cmp-stop", s => s.State == CampaignState.RolledBack, TimeSpan.FromMinutes(5), "the stop rule to roll the campaign back");

        Assert.Contains("5xx", done.Reason, StringComparison.OrdinalIgnoreCase);
        var stopped = Region(done, regions[2]);
        Assert.Contains(stopped.Hold, g => g.Verdict == GateVerdict.Fail && g.Metrics.Any(m => m.Metric == "http_5xx_rate" && m.Verdict == GateVerdict.Fail));
        Assert.True(done.RollbackStartedAt < stopped.FlippedAt + Hold, $"the stop rule acted at {done.RollbackStartedAt:O}, not during the hold that began {stopped.FlippedAt:O}");

        // The measured rollback time is reported, within the seed's two minutes.
        Assert.NotNull(done.RollbackDuration);
        Assert.Equal(done.FinishedAt - done.RollbackStartedAt, done.RollbackDuration);
        Assert.InRange(done.RollbackDuration.Value, TimeSpan.Zero, TimeSpan.FromMinutes(2));

        foreach (var region in regions)
        {
            Assert.Equal(RegionOutcome.RolledBack, Region(done, region).Outcome);
            await AssertOnBlueAfterRollback(service, region);
        }
    }

    [Fact]
    public async Task Inconclusive_hold_data_extends_the_hold_once_then_waits_for_an_approver_who_lets_it_continue()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(Client, service, 1);
        await ReportAndWait(service, regions[0], Arm.Blue, "idx-blue", 400, 0);
        var cutover = Client.GetGrain<ICutoverGrain>(service);
        await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-inconclusive", [regions[0]]) with { Hold = Hold });

        var holding = await AdvanceUntil(cutover, "cmp-inconclusive", s => InHold(s, regions[0]), TimeSpan.FromMinutes(10), "the region to flip and hold");
        var flippedAt = Region(holding, regions[0]).FlippedAt!.Value;

        // 50 Green requests, under the 200 a window needs: too few to judge, never a pass.
        await ReportAndWait(service, regions[0], Arm.Green, "idx-green", 50, 0);
        await AdvanceTo(flippedAt + Hold - Step);
        var beforeEnd = Region((await cutover.GetStatusAsync("cmp-inconclusive"))!, regions[0]);
        Assert.Equal((ChecklistStep.HoldAndWatch, false), (beforeEnd.Step, beforeEnd.HoldExtended));
        Assert.NotEmpty(beforeEnd.Hold);
        Assert.All(beforeEnd.Hold, g => Assert.Equal(GateVerdict.Inconclusive, g.Verdict));

        var extended = await AdvanceUntil(cutover, "cmp-inconclusive", s => Region(s, regions[0]).HoldExtended, TimeSpan.FromMinutes(2), "the hold to extend at its end");
        Assert.Equal(CampaignState.Running, extended.State);
        Assert.Equal(ChecklistStep.HoldAndWatch, Region(extended, regions[0]).Step);
        Assert.Contains("extending it by 15 min", Region(extended, regions[0]).Note, StringComparison.Ordinal);

        // Extended once only: still watching just before the second window ends, then it asks an operator.
        await AdvanceTo(flippedAt + (2 * Hold) - Step);
        Assert.Equal(CampaignState.Running, (await cutover.GetStatusAsync("cmp-inconclusive"))!.State);
        var waiting = await AdvanceUntil(cutover, "cmp-inconclusive", s => s.State != CampaignState.Running, TimeSpan.FromMinutes(2), "the campaign to wait for an approver");
        Assert.Equal(CampaignState.WaitingForApproval, waiting.State);
        Assert.Contains("approve to continue", waiting.Reason, StringComparison.Ordinal);
        Assert.Equal(ChecklistStep.HoldAndWatch, Region(waiting, regions[0]).Step);

        // Nobody answers for longer than the hold: the campaign neither proceeds nor gives up on its own.
        await AdvanceTo(Clock.GetUtcNow() + Hold + Hold);
        var stillWaiting = (await cutover.GetStatusAsync("cmp-inconclusive"))!;
        Assert.Equal((CampaignState.WaitingForApproval, ChecklistStep.HoldAndWatch), (stillWaiting.State, Region(stillWaiting, regions[0]).Step));

        await cutover.ApproveAsync("cmp-inconclusive", "bob", "traffic too low to judge; dashboards fine");
        var done = await AdvanceUntil(cutover, "cmp-inconclusive", s => s.State != CampaignState.Running, TimeSpan.FromMinutes(5), "the approved campaign to finish");

        Assert.Equal(CampaignState.Completed, done.State);
        Assert.Equal(["bob: traffic too low to judge; dashboards fine"], done.Approvals);
        Assert.Contains(Region(done, regions[0]).Steps, r => r.Step == ChecklistStep.HoldAndWatch && r.Result == "approved by bob");
        var view = await CampaignSamples.Pointer(Client, service, regions[0]).GetActiveArmAsync();
        Assert.Equal((Arm.Green, 1L, (string?)null), (view.ActiveArm, view.Epoch, view.OwnerCampaign));
        var grant = await CampaignSamples.Lease(Client, service, regions[0]).AcquireAsync("indexer-2", TimeSpan.FromMinutes(5));
        Assert.Equal((LeaseGrantStatus.Granted, "idx-green"), (grant.Status, grant.Token!.IndexHash));
        var consumers = await CampaignSamples.Consumers(Client, service, regions[0]).GetStatusAsync();
        Assert.Equal(("consumer-idx-green", ConsumerMode.Consuming), (consumers.ActiveConsumerVer, consumers.Mode));
    }

    [Fact]
    public async Task Aborting_mid_hold_rolls_both_held_regions_back_before_the_hold_would_have_passed()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(Client, service, 2);
        foreach (var region in regions)
        {
            await ReportAndWait(service, region, Arm.Blue, "idx-blue", 400, 0);
        }

        var cutover = Client.GetGrain<ICutoverGrain>(service);
        await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-abort", [regions[0], regions[1]]) with { Hold = Hold });
        var holding = await AdvanceUntil(cutover, "cmp-abort", s => regions.All(r => InHold(s, r)), TimeSpan.FromMinutes(10), "both regions to flip and hold");
        foreach (var region in regions)
        {
            await ReportAndWait(service, region, Arm.Green, "idx-green", 400, 0);
        }

        // Healthy Green half-way through the hold: still watching, nothing passed yet.
        await AdvanceTo(holding.Regions.Max(r => r.FlippedAt!.Value) + (Hold / 2));
        var midHold = (await cutover.GetStatusAsync("cmp-abort"))!;
        Assert.All(midHold.Regions, r => Assert.Equal((RegionOutcome.InProgress, ChecklistStep.HoldAndWatch), (r.Outcome, r.Step)));
        Assert.All(midHold.Regions, r => Assert.Contains(r.Hold, g => g.Verdict == GateVerdict.Pass));

        await cutover.AbortAsync("cmp-abort", "bob", "pager went off elsewhere");
        var done = await AdvanceUntil(cutover, "cmp-abort", s => s.State is CampaignState.RolledBack or CampaignState.Completed, TimeSpan.FromMinutes(5), "the abort to roll back");

        Assert.Equal(CampaignState.RolledBack, done.State);
        Assert.Contains("aborted by bob: pager went off elsewhere", done.Reason, StringComparison.Ordinal);
        Assert.NotNull(done.RollbackDuration);
        Assert.InRange(done.RollbackDuration.Value, TimeSpan.Zero, TimeSpan.FromMinutes(2));
        foreach (var region in regions)
        {
            var progress = Region(done, region);
            Assert.Equal(RegionOutcome.RolledBack, progress.Outcome);
            Assert.DoesNotContain(progress.Steps, r => r.Step == ChecklistStep.HoldAndWatch);
            await AssertOnBlueAfterRollback(service, region);
        }
    }

    private static bool InHold(CampaignStatus status, string region) =>
        Region(status, region) is { Outcome: RegionOutcome.InProgress, Step: ChecklistStep.HoldAndWatch };

    private static RegionProgress Region(CampaignStatus status, string region) => status.Regions.Single(r => r.Region == region);

    /// <summary>Flipped once and back: Blue at epoch 2, released, writers on Blue's index, consumers on Blue's version.</summary>
    private async Task AssertOnBlueAfterRollback(string service, string region)
    {
        var pointer = CampaignSamples.Pointer(Client, service, region);
        var view = await pointer.GetActiveArmAsync();
        Assert.Equal((Arm.Blue, 2L, (string?)null), (view.ActiveArm, view.Epoch, view.OwnerCampaign));
        Assert.Equal(2, (await pointer.GetAuditAsync()).Count(e => e.Command == "flip"));
        var grant = await CampaignSamples.Lease(Client, service, region).AcquireAsync("indexer-2", TimeSpan.FromMinutes(5));
        Assert.Equal((LeaseGrantStatus.Granted, "idx-blue"), (grant.Status, grant.Token!.IndexHash));
        var consumers = await CampaignSamples.Consumers(Client, service, region).GetStatusAsync();
        Assert.Equal(("consumer-idx-blue", ConsumerMode.Consuming), (consumers.ActiveConsumerVer, consumers.Mode));
    }

    /// <summary>Reports telemetry stamped with the fake clock, then waits until the arm's grain holds it (reports are one-way).</summary>
    private async Task ReportAndWait(string service, string region, Arm arm, string indexHash, int requests, double http5xxShare)
    {
        var grain = Client.GetGrain<ITelemetryGrain>(TelemetryKey.Format(service, region, arm));
        var now = Clock.GetUtcNow();
        var before = (await grain.GetWindowAsync(now - TimeSpan.FromHours(1), now + TimeSpan.FromMinutes(1))).RequestCount;
        await CampaignSamples.Report(Client, service, region, arm, indexHash, requests, http5xxShare, Clock);
        await Poll.UntilAsync(
            async () => (await grain.GetWindowAsync(now - TimeSpan.FromHours(1), now + TimeSpan.FromMinutes(1))).RequestCount == before + requests,
            $"the {arm.ToWire()} telemetry of {region} to hold {before + requests} requests");
    }

    /// <summary>Moves the clock to <paramref name="target"/> a step at a time, letting the campaign tick at each step.</summary>
    private async Task AdvanceTo(DateTimeOffset target)
    {
        while (Clock.GetUtcNow() < target)
        {
            var left = target - Clock.GetUtcNow();
            Clock.Advance(left < Step ? left : Step);

            // Pacing, not synchronisation: callers assert on the state the grains recorded.
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }

    /// <summary>
    /// Advances the clock a step at a time, playing the evaluator for every region waiting in Warm
    /// Green, until <paramref name="done"/> holds; fails naming <paramref name="expected"/> after
    /// <paramref name="within"/> of fake time or <see cref="RealDeadline"/> of real time.
    /// </summary>
    private async Task<CampaignStatus> AdvanceUntil(
        ICutoverGrain cutover, string campaign, Func<CampaignStatus, bool> done, TimeSpan within, string expected)
    {
        var fakeStart = Clock.GetUtcNow();
        var realStart = TimeProvider.System.GetTimestamp();
        var answered = new HashSet<string>();
        while (true)
        {
            var status = (await cutover.GetStatusAsync(campaign))!;
            if (done(status))
            {
                return status;
            }

            foreach (var region in status.Regions.Where(r => r is { Outcome: RegionOutcome.InProgress, Step: ChecklistStep.WarmGreen }))
            {
                if (answered.Add(region.Region))
                {
                    await cutover.SubmitSmokeReportAsync(campaign, CampaignSamples.Smoke(status.Service, region.Region, Clock.GetUtcNow()));
                }
            }

            var fake = Clock.GetUtcNow() - fakeStart;
            var real = TimeProvider.System.GetElapsedTime(realStart);
            if (fake >= within || real >= RealDeadline)
            {
                var regions = string.Join(", ", status.Regions.Select(r => $"{r.Region} {r.Outcome}/{r.Step}"));
                Assert.Fail($"timed out after {fake} of fake time ({real.TotalSeconds:0.0} s real) waiting for: {expected}; last seen {status.State} ({status.Reason}): {regions}");
            }

            Clock.Advance(Step);
            await WaitForTick(cutover, campaign, Progress(status));
        }
    }

    /// <summary>
    /// Waits (briefly) until the campaign records something after a step. A step that finds the
    /// grain still busy with the last tick releases nothing (Orleans re-arms a grain timer once its
    /// tick ends), so without this the clock would run ahead of the campaign.
    /// </summary>
    private static async Task WaitForTick(ICutoverGrain cutover, string campaign, string before)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < SettleLimit
            && Progress((await cutover.GetStatusAsync(campaign))!) == before)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }

    /// <summary>What a tick changes: the state, and per region its step, hold results and note.</summary>
    private static string Progress(CampaignStatus status) =>
        $"{status.State}|{status.Reason}|" + string.Join("|", status.Regions.Select(r =>
            $"{r.Outcome}/{r.Step}/{r.Hold.Count}/{r.Hold.LastOrDefault()?.AsOf:O}/{r.HoldExtended}/{r.Note}"));
}
