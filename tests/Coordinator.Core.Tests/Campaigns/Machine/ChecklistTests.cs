using Coordinator.Domain;
using System.Collections.Immutable;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using static Coordinator.Core.Tests.Campaigns.Machine.MachineSamples;

namespace Coordinator.Core.Tests.Campaigns.Machine;

/// <summary>The checklist driven by the machine alone: every step, in order, with what it asks of the world.</summary>
public sealed class ChecklistTests
{
    private readonly RegionWorld _world = World();
    private readonly MachineDriver _driver;

    public ChecklistTests() => _driver = new MachineDriver(_world);

    [Fact]
    public void A_campaign_walks_every_region_through_every_step_and_completes()
    {
        _driver.Start(Spec());
        var done = RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");

        Assert.All(done.Regions, r => Assert.Equal(RegionOutcome.Done, r.Outcome));
        Assert.All(done.Regions, r => Assert.Equal(ChecklistSteps.All, r.Steps.Select(s => s.Step)));
        foreach (var region in new[] { "eu-west", "us-east", "us-west" })
        {
            var pointer = _world.Pointers[region];
            Assert.Equal((Arm.Green, 1L, (string?)null), (pointer.Active, pointer.Epoch, pointer.Owner));
            Assert.Equal(["cmp-1/" + region + "/flip"], pointer.Audit.Select(f => f.IdempotencyKey));
            Assert.Equal((null, Green.IndexHash), (_world.Leases[region].FrozenBy, _world.Leases[region].IndexHash));
            Assert.Equal((Green.ConsumerVer, (string?)null), (_world.Consumers[region].ActiveVer, _world.Consumers[region].PausedBy));
        }

        // Not in the campaign: untouched.
        Assert.Equal((Arm.Blue, 0L), (_world.Pointers["ap-south"].Active, _world.Pointers["ap-south"].Epoch));
        Assert.DoesNotContain(_world.Ran, e => e.Region == "ap-south");
    }

    [Fact]
    public void The_canary_finishes_before_the_next_wave_starts_and_its_regions_step_together()
    {
        _driver.Start(Spec());
        RunUntil(_driver, s => s.CurrentWave == 1, "the second wave");
        Assert.Equal(RegionOutcome.Done, _driver.Status.Regions.Single(r => r.Region == "eu-west").Outcome);
        var firstFlipOfWave2 = _world.Ran.FindIndex(e => e is FlipPointer { Region: not "eu-west" });
        Assert.Equal(-1, firstFlipOfWave2);

        RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");
        var flips = _world.Ran.OfType<FlipPointer>().Select(e => e.Region).ToList();
        Assert.Equal(["eu-west", "us-east", "us-west"], flips.Order().Distinct());

        // Both regions of wave 2 were recorded in the same saves: they flipped in the same save too.
        var flippedTogether = _driver.Saved.First(s => s.Current!.Regions.Any(r => r.Region == "us-east" && r.FlippedEpoch is not null));
        Assert.NotNull(flippedTogether.Current!.Regions.Single(r => r.Region == "us-west").FlippedEpoch);
    }

    [Fact]
    public void Freeze_fences_writers_pauses_consumers_and_claims_before_anything_is_verified()
    {
        _driver.Start(Spec());
        _driver.EndTickAfter = s => s.Regions[0].Step == ChecklistStep.VerifyInvariants;
        RunUntil(_driver, s => s.Regions[0].Step == ChecklistStep.VerifyInvariants, "eu-west to verify");
        Assert.DoesNotContain(_world.Ran, e => e is ReadPointer);

        Assert.Equal("cmp-1", _world.Leases["eu-west"].FrozenBy);
        Assert.Equal("cmp-1", _world.Consumers["eu-west"].PausedBy);
        Assert.Equal("cmp-1", _world.Pointers["eu-west"].Owner);
        Assert.Equal("froze 1 writers, paused 1 consumer groups, claimed the pointer", _driver.Status.Regions[0].Steps[^1].Result);

        // Writers are frozen before anything else of the region is touched.
        var firstOther = _world.Ran.FindIndex(e => e is PauseConsumers or ClaimPointer);
        Assert.True(_world.Ran.FindIndex(e => e is FreezeWriter) < firstOther, "a consumer was paused or the pointer claimed before the writers froze");
    }

    [Fact]
    public void A_step_is_recorded_as_finished_no_earlier_than_its_effects_ran()
    {
        _driver.Start(Spec());
        RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");

        // Fleets judge fencing by these times: a freeze recorded before it was applied would count the
        // writes the lease rightly accepted just before it as accepted while frozen.
        foreach (var region in _driver.Status.Regions)
        {
            var steps = region.Steps.ToDictionary(s => s.Step);
            var froze = _driver.RanAt.Where(r => r.Effect is FreezeWriter or PauseConsumers or ClaimPointer && r.Effect.Region == region.Region).Max(r => r.At);
            Assert.True(steps[ChecklistStep.Freeze].FinishedAt >= froze, $"{region.Region}: freeze recorded at {steps[ChecklistStep.Freeze].FinishedAt:O}, applied at {froze:O}");
            var flipped = _driver.RanAt.Single(r => r.Effect is FlipPointer && r.Effect.Region == region.Region).At;
            Assert.True(steps[ChecklistStep.Flip].FinishedAt >= flipped, $"{region.Region}: flip recorded before it was made");
            var released = _driver.RanAt.Single(r => r.Effect is ReleasePointer && r.Effect.Region == region.Region).At;
            Assert.True(steps[ChecklistStep.Unfreeze].FinishedAt >= released, $"{region.Region}: unfreeze recorded before it was done");
        }
    }

    [Fact]
    public void Warm_green_waits_for_a_smoke_report_and_the_flip_needs_it()
    {
        _driver.Start(Spec());
        _driver.RunUntil(s => s.Regions[0].Step == ChecklistStep.WarmGreen, "eu-west in warm-green");
        for (var i = 0; i < 10; i++)
        {
            _driver.Tick();
            _driver.Now += TimeSpan.FromSeconds(1);
        }

        Assert.Equal(ChecklistStep.WarmGreen, _driver.Status.Regions[0].Step);
        Assert.DoesNotContain(_world.Ran, e => e is FlipPointer);

        AnswerWarm(_driver);
        _driver.RunUntil(s => s.Regions[0].Step == ChecklistStep.HoldAndWatch, "eu-west to hold");
        var region = _driver.Status.Regions[0];
        Assert.Equal(GateVerdict.Pass, region.Warm!.Verdict);
        Assert.Equal(1, region.FlippedEpoch);
        Assert.NotNull(region.Baseline);
        Assert.Equal(Arm.Blue, region.Baseline!.Arm);

        // The baseline is read before the flip, reaching back at least a minute.
        var baseline = _world.Ran.OfType<ReadTelemetry>().First(e => e.Arm == Arm.Blue);
        Assert.True(_world.Ran.IndexOf(baseline) < _world.Ran.FindIndex(e => e is FlipPointer));
        Assert.Equal(CampaignLimits.MinBaselineWindow, baseline.To - baseline.From);
    }

    [Fact]
    public void The_hold_reads_green_about_once_a_second_and_passes_at_its_end()
    {
        _driver.Start(Spec());
        RunUntil(_driver, s => s.Regions[0].Step == ChecklistStep.HoldAndWatch, "eu-west to hold");
        var flippedAt = _driver.Status.Regions[0].FlippedAt!.Value;
        _driver.RunUntil(s => s.Regions[0].Step == ChecklistStep.Unfreeze || s.Regions[0].Outcome == RegionOutcome.Done, "the hold to pass",
            step: TimeSpan.FromMilliseconds(250));

        var reads = _world.Ran.OfType<ReadTelemetry>().Where(e => e.Arm == Arm.Green).ToList();
        Assert.InRange(reads.Count, 25, 35);
        Assert.All(reads.Zip(reads.Skip(1)), pair => Assert.True(pair.Second.To - pair.First.To >= TimeSpan.FromSeconds(1)));
        Assert.All(reads, r => Assert.Equal(flippedAt, r.From));
        Assert.Contains(_driver.Status.Regions[0].Steps, s => s.Step == ChecklistStep.HoldAndWatch);
    }

    [Fact]
    public void A_manual_campaign_waits_between_waves_and_the_two_person_rule_holds()
    {
        _driver.Start(Spec(ApprovalMode.Manual));
        var waiting = RunUntil(_driver, s => s.State == CampaignState.WaitingForApproval, "approval after the canary");
        Assert.Equal("wave 1 done; approve to start wave 2", waiting.Reason);
        Assert.Equal(0, waiting.CurrentWave);
        _driver.Tick();
        Assert.Equal(CampaignState.WaitingForApproval, _driver.Status.State);

        var selfApproval = Assert.Throws<InvalidInputException>(() => CampaignMachine.Approve(_driver.State, "cmp-1", "alice", "looks fine", _driver.Now, AuditKey.DemoNotSecret));
        Assert.Equal(["approver"], selfApproval.Errors.Select(e => e.Field));

        var approved = _driver.Command(s => CampaignMachine.Approve(s, "cmp-1", "bob", "canary healthy", _driver.Now, AuditKey.DemoNotSecret));
        Assert.Equal((CampaignState.Running, 1), (approved.State, approved.CurrentWave));
        Assert.Equal(["bob: canary healthy"], approved.Approvals);
        RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");
    }

    [Fact]
    public void A_paused_campaign_asks_for_nothing_until_resumed()
    {
        _driver.Start(Spec());
        RunUntil(_driver, s => s.Regions[0].Step == ChecklistStep.WarmGreen, "eu-west in warm-green");
        _driver.Command(s => CampaignMachine.Pause(s, "cmp-1", "bob", "incident elsewhere", _driver.Now, AuditKey.DemoNotSecret));
        AnswerWarm(_driver);
        var ran = _world.Ran.Count;
        for (var i = 0; i < 5; i++)
        {
            Assert.True(CampaignMachine.Tick(_driver.State, _driver.Now, _driver.Now, EffectResults.None, _driver.State.Current!.Regions.ToImmutableDictionary(r => r.Region, _ => _driver.Now)).IsIdle);
            _driver.Tick();
        }

        Assert.Equal(ran, _world.Ran.Count);
        Assert.Equal("paused by bob: incident elsewhere", _driver.Status.Reason);
        Assert.Throws<CoordinatorException>(() => CampaignMachine.Pause(_driver.State with { Current = _driver.Status with { State = CampaignState.Completed } }, "cmp-1", "bob", "again", _driver.Now, AuditKey.DemoNotSecret));

        _driver.Command(s => CampaignMachine.Resume(s, "cmp-1", "bob", "incident over", _driver.Now, AuditKey.DemoNotSecret));
        RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");
    }

    [Fact]
    public void A_warm_evaluation_still_running_keeps_the_region_waiting_past_the_smoke_deadline_without_a_save_then_its_report_is_judged()
    {
        var spec = Spec() with { SmokeDeadline = TimeSpan.FromSeconds(10), Warm = new WarmSpec { GoldSet = "gold.jsonl", GoldSetContent = "{}" } };
        var report = Smoke("eu-west");
        var evaluation = new WarmEvaluation
        {
            GoldSet = "gold",
            GoldSetFingerprint = "sha256:00",
            Embedder = "tiny/1",
            AskUrl = "http://green/ask",
            Calls = 120,
            FailedCalls = 0,
            ErroredItems = 0,
            WallTime = TimeSpan.FromSeconds(30),
            Summary = SmokeSummariser.Summarise(report, 3, 2),
        };
        var finishesAt = CampaignSamples.T0 + TimeSpan.FromSeconds(30);
        _world.Fault = e => e is EvaluateWarm
            ? _driver.Now < finishesAt ? EffectResult.Running("evaluating") : EffectResult.Done(new WarmRun(report, evaluation))
            : null;
        _driver.Start(spec);
        _driver.RunUntil(s => s.Regions[0].Step == ChecklistStep.WarmGreen, "eu-west in warm-green");
        var entered = _driver.Status;

        // Asked every tick (the grain answers from the run it has), never refused for lateness while it runs, and nothing saved meanwhile.
        _driver.EndTickAfter = s => s.Regions[0].FlippedEpoch is not null;
        var flipped = _driver.RunUntil(s => s.Regions[0].FlippedEpoch is not null, "the flip after the evaluation finished");
        Assert.True(_world.Ran.Count(e => e is EvaluateWarm) > 20, $"asked {_world.Ran.Count(e => e is EvaluateWarm)} times");
        Assert.Equal(CampaignState.Running, flipped.State);
        var next = _driver.Saved.Select(s => s.Current!).First(c => c.Version > entered.Version);
        Assert.Equal((entered.Version + 1, ChecklistStep.Flip), (next.Version, next.Regions[0].Step));
        var warmStep = flipped.Regions[0].Steps.Single(s => s.Step == ChecklistStep.WarmGreen);
        Assert.True(warmStep.FinishedAt - warmStep.StartedAt > spec.SmokeDeadline, $"warm green took {warmStep.FinishedAt - warmStep.StartedAt}");
        Assert.Equal(GateVerdict.Pass, flipped.Regions[0].Warm!.Verdict);
        Assert.Equal(evaluation, flipped.Regions[0].WarmEvaluation);
    }

    [Fact]
    public void An_inconclusive_warm_gate_waits_for_an_operator_whose_approval_flips()
    {
        _driver.Start(Spec());
        SmokeReport Thin(string region) => Smoke(region) with { Items = Smoke(region).Items.RemoveRange(0, 15) };
        var waiting = RunUntil(_driver, s => s.State == CampaignState.WaitingForApproval, "the inconclusive warm gate", Thin);
        Assert.StartsWith("eu-west: warm gate inconclusive", waiting.Reason, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Inconclusive, waiting.Regions[0].Warm!.Verdict);
        Assert.Equal("eu-west", _driver.State.ApprovalFor);

        var approved = _driver.Command(s => CampaignMachine.Approve(s, "cmp-1", "bob", "numbers fine by hand", _driver.Now, AuditKey.DemoNotSecret));
        Assert.Equal(ChecklistStep.Flip, approved.Regions[0].Step);
        Assert.Equal("approved by bob", approved.Regions[0].Steps[^1].Result);
        _driver.RunUntil(s => s.Regions[0].FlippedEpoch is not null, "the approved flip");
    }

    [Fact]
    public void A_hold_that_stays_inconclusive_is_extended_once_then_waits_for_an_operator()
    {
        _world.GreenTelemetry = w => w with { RequestCount = 10, ErrorCount = 0, Http5xxCount = 0 };
        _driver.Start(Spec());
        var waiting = RunUntil(_driver, s => s.State == CampaignState.WaitingForApproval, "the hold to give up");
        var region = waiting.Regions[0];
        Assert.True(region.HoldExtended);
        Assert.StartsWith("eu-west: hold inconclusive after extending it", waiting.Reason, StringComparison.Ordinal);
        Assert.True(_driver.Now - region.FlippedAt >= Hold * 2);

        var approved = _driver.Command(s => CampaignMachine.Approve(s, "cmp-1", "bob", "low traffic region", _driver.Now, AuditKey.DemoNotSecret));
        Assert.Equal(ChecklistStep.Unfreeze, approved.Regions[0].Step);
    }

    [Fact]
    public void A_hold_the_campaign_could_not_watch_for_a_while_is_not_decided_on_the_evidence_from_before()
    {
        // Green's window is thin at first (the fleet's reports lost with a silo), enough once it is back.
        _world.GreenTelemetry = w => w with { RequestCount = 10, ErrorCount = 0, Http5xxCount = 0 };
        _driver.Start(Spec());
        RunUntil(_driver, s => s.Regions[0].Step == ChecklistStep.HoldAndWatch, "eu-west to hold");
        var flippedAt = _driver.Status.Regions[0].FlippedAt!.Value;
        for (var i = 0; i < 5; i++)
        {
            _driver.Tick();
            _driver.Now += TimeSpan.FromSeconds(1);
        }

        // The campaign's host dies (its last save lost) and is gone for longer than the hold and its
        // extension; the new activation reads Green at once.
        _driver.CrashBeforeSave = _ => true;
        _driver.Tick();
        _driver.CrashBeforeSave = _ => false;
        _driver.Now += Hold * 3;
        _driver.Tick();
        var region = _driver.Status.Regions[0];
        Assert.Equal((ChecklistStep.HoldAndWatch, false), (region.Step, region.HoldExtended));
        Assert.InRange(region.HoldUnobserved, Hold * 3 - TimeSpan.FromSeconds(1), Hold * 3 + TimeSpan.FromSeconds(1));
        Assert.Equal(CampaignState.Running, _driver.Status.State);

        _world.GreenTelemetry = w => w;
        _driver.RunUntil(s => s.Regions[0].Step != ChecklistStep.HoldAndWatch, "the hold to end");
        region = _driver.Status.Regions[0];
        Assert.Equal(CampaignState.Running, _driver.Status.State);
        Assert.Contains(region.Steps, s => s.Step == ChecklistStep.HoldAndWatch && s.Result.Contains("unobserved", StringComparison.Ordinal));
        Assert.True(_driver.Now - flippedAt >= Hold + region.HoldUnobserved, $"the hold ended {_driver.Now - flippedAt} after the flip");
    }

    [Fact]
    public void An_effect_that_fails_is_retried_next_tick_without_stopping_the_campaign()
    {
        var failures = 3;
        _world.Fault = e => e is ClaimPointer && failures-- > 0 ? EffectResult.Failure("silo down") : null;
        _driver.Start(Spec());
        var done = RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete despite the failures");
        Assert.Equal(4, _world.Ran.Count(e => e is ClaimPointer { Region: "eu-west" }));
        Assert.Null(done.Reason);
    }
}
