using Coordinator.Domain;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using static Coordinator.Core.Tests.Campaigns.Machine.MachineSamples;

namespace Coordinator.Core.Tests.Campaigns.Machine;

/// <summary>Stop rules, aborts and rollbacks: every region the campaign touched goes back to Blue, once.</summary>
public sealed class RollbackTests
{
    private readonly RegionWorld _world = World();
    private readonly MachineDriver _driver;

    public RollbackTests() => _driver = new MachineDriver(_world);

    [Fact]
    public void A_stop_rule_during_the_hold_flips_back_and_restores_the_fences()
    {
        _world.GreenTelemetry = w => w with { Http5xxCount = 50 };
        _driver.Start(Spec());
        var done = RunUntil(_driver, s => s.State.IsTerminal(), "the campaign to end");

        Assert.Equal(CampaignState.RolledBack, done.State);
        Assert.StartsWith("eu-west: stop rule during hold:", done.Reason, StringComparison.Ordinal);
        Assert.Contains("5xx", done.Reason, StringComparison.Ordinal);
        Assert.Equal(RegionOutcome.RolledBack, done.Regions.Single(r => r.Region == "eu-west").Outcome);
        Assert.All(done.Regions.Where(r => r.WaveIndex == 1), r => Assert.Equal(RegionOutcome.Pending, r.Outcome));
        Assert.NotNull(done.RollbackDuration);

        var pointer = _world.Pointers["eu-west"];
        Assert.Equal((Arm.Blue, 2L, (string?)null), (pointer.Active, pointer.Epoch, pointer.Owner));
        Assert.Equal(["cmp-1/eu-west/flip", "cmp-1/eu-west/rollback"], pointer.Audit.Select(f => f.IdempotencyKey));
        Assert.Equal((null, Blue.IndexHash), (_world.Leases["eu-west"].FrozenBy, _world.Leases["eu-west"].IndexHash));
        Assert.Equal((Blue.ConsumerVer, (string?)null), (_world.Consumers["eu-west"].ActiveVer, _world.Consumers["eu-west"].PausedBy));
        Assert.DoesNotContain(_world.Ran, e => e.Region is "us-east" or "us-west");
    }

    [Fact]
    public void A_failed_warm_gate_rolls_back_without_a_flip()
    {
        _driver.Start(Spec());
        SmokeReport Poor(string region) => Smoke(region) with { Items = [.. Smoke(region).Items.Select(i => i with { Coverage = 0.40 })] };
        var done = RunUntil(_driver, s => s.State.IsTerminal(), "the campaign to end", Poor);

        Assert.Equal(CampaignState.RolledBack, done.State);
        Assert.StartsWith("eu-west: warm gate failed:", done.Reason, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Fail, done.Regions[0].Warm!.Verdict);
        Assert.DoesNotContain(_world.Ran, e => e is FlipPointer);
        Assert.Equal((Arm.Blue, 0L, (string?)null), (_world.Pointers["eu-west"].Active, _world.Pointers["eu-west"].Epoch, _world.Pointers["eu-west"].Owner));
    }

    [Fact]
    public void No_smoke_report_before_the_deadline_rolls_back()
    {
        _driver.Start(Spec() with { SmokeDeadline = TimeSpan.FromSeconds(20) });
        var done = _driver.RunUntil(s => s.State.IsTerminal(), "the campaign to end");
        Assert.Equal("eu-west: no smoke report for Green within 00:00:20", done.Reason);
    }

    [Fact]
    public void Green_that_differs_from_the_target_is_refused_at_verify_naming_the_field()
    {
        _world.Green = Green with { PromptVer = "prompt-13" };
        _driver.Start(Spec());
        var done = _driver.RunUntil(s => s.State.IsTerminal(), "the campaign to end");
        Assert.StartsWith("eu-west: Green's registered manifest differs from the campaign's target:", done.Reason, StringComparison.Ordinal);
        Assert.Contains("prompt_ver", done.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Ran, e => e is FlipPointer);
    }

    [Fact]
    public void A_region_claimed_by_another_campaign_stops_this_one()
    {
        _world.Pointers["eu-west"].Owner = "cmp-other";
        _driver.Start(Spec());
        var done = _driver.RunUntil(s => s.State.IsTerminal(), "the campaign to end");
        Assert.Equal((CampaignState.RolledBack, "eu-west: claimed by campaign 'cmp-other'"), (done.State, done.Reason));

        // The other campaign keeps its claim; this one's fences are undone.
        Assert.Equal("cmp-other", _world.Pointers["eu-west"].Owner);
        Assert.DoesNotContain(_world.Ran, e => e is FlipPointer or ReleasePointer);
        Assert.Equal((null, Blue.IndexHash), (_world.Leases["eu-west"].FrozenBy, _world.Leases["eu-west"].IndexHash));
        Assert.Null(_world.Consumers["eu-west"].PausedBy);
    }

    [Fact]
    public void An_abort_mid_hold_begins_the_rollback_and_the_first_round_follows()
    {
        _driver.Start(Spec());
        RunUntil(_driver, s => s.Regions[0].Step == ChecklistStep.HoldAndWatch, "eu-west to hold");
        var aborted = _driver.Command(s => CampaignMachine.Abort(s, "cmp-1", "bob", "pager went off", _driver.Now, AuditKey.DemoNotSecret));
        Assert.Equal((CampaignState.RollingBack, "aborted by bob: pager went off"), (aborted.State, aborted.Reason));
        Assert.Equal(_driver.Now, aborted.RollbackStartedAt);
        Assert.Null(_driver.State.ApprovalFor);

        _driver.Tick();
        Assert.Equal(CampaignState.RolledBack, _driver.Status.State);
        Assert.Equal((Arm.Blue, 2L), (_world.Pointers["eu-west"].Active, _world.Pointers["eu-west"].Epoch));

        // Aborting a settled campaign changes nothing.
        Assert.False(CampaignMachine.Abort(_driver.State, "cmp-1", "bob", "again", _driver.Now, AuditKey.DemoNotSecret).IsChange);
    }

    [Fact]
    public void A_completed_campaign_rolls_back_every_region_and_its_consumers()
    {
        _driver.Start(Spec());
        RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");
        _driver.Command(s => CampaignMachine.Rollback(s, "cmp-1", "bob", "index regressed", _driver.Now, AuditKey.DemoNotSecret));
        var done = _driver.RunUntil(s => s.State.IsTerminal(), "the rollback to end");

        Assert.Equal(CampaignState.RolledBack, done.State);
        foreach (var region in new[] { "eu-west", "us-east", "us-west" })
        {
            Assert.Equal((Arm.Blue, 2L), (_world.Pointers[region].Active, _world.Pointers[region].Epoch));
            Assert.Equal(Blue.ConsumerVer, _world.Consumers[region].ActiveVer);
            Assert.Equal(Blue.IndexHash, _world.Leases[region].IndexHash);
            Assert.Contains($"cmp-1/{region}/webhooks/rollback", _world.Consumers[region].Moves.Keys);
        }
    }

    [Fact]
    public void A_consumer_group_still_draining_holds_its_region_back_until_it_moved()
    {
        _driver.Start(Spec());
        RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");
        _world.Consumers["us-west"].DrainCalls = 5;
        _driver.Command(s => CampaignMachine.Rollback(s, "cmp-1", "bob", "index regressed", _driver.Now, AuditKey.DemoNotSecret));
        _driver.Tick();
        Assert.Equal(CampaignState.RollingBack, _driver.Status.State);
        Assert.Equal(RegionOutcome.Done, _driver.Status.Regions.Single(r => r.Region == "us-west").Outcome);
        Assert.Equal(RegionOutcome.RolledBack, _driver.Status.Regions.Single(r => r.Region == "us-east").Outcome);

        var done = _driver.RunUntil(s => s.State.IsTerminal(), "the rollback to end");
        Assert.Equal(CampaignState.RolledBack, done.State);
        Assert.Equal(Blue.ConsumerVer, _world.Consumers["us-west"].ActiveVer);

        // Every tick of the drain asked for the region's rollback again; its writer was released onto Blue once.
        Assert.Equal(["freeze", "unfreeze:" + Green.IndexHash, "freeze", "unfreeze:" + Blue.IndexHash], _world.LeaseCommands["us-west"]);
        Assert.Equal((null, Blue.IndexHash), (_world.Leases["us-west"].FrozenBy, _world.Leases["us-west"].IndexHash));
    }

    [Fact]
    public void A_consumer_group_that_will_not_move_back_blocks_the_rollback_until_an_operator_retries()
    {
        _driver.Start(Spec());
        RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");
        _world.Consumers["eu-west"].Stuck = true;
        _driver.Command(s => CampaignMachine.Rollback(s, "cmp-1", "bob", "index regressed", _driver.Now, AuditKey.DemoNotSecret));
        var blocked = _driver.RunUntil(s => s.State == CampaignState.RollbackBlocked, "the rollback to block");

        var region = blocked.Regions.Single(r => r.Region == "eu-west");
        Assert.Equal(CampaignLimits.RollbackMoveAttempts, region.FailedRollbackMoves);
        Assert.Contains("stubborn", region.RollbackBlocked, StringComparison.Ordinal);
        Assert.Equal(["cmp-1/eu-west/webhooks/move", "cmp-1/eu-west/webhooks/rollback", "cmp-1/eu-west/webhooks/rollback/2", "cmp-1/eu-west/webhooks/rollback/3"],
            _world.Consumers["eu-west"].Moves.Keys.Order(StringComparer.Ordinal));
        Assert.All(blocked.Regions.Where(r => r.Region != "eu-west"), r => Assert.Equal(RegionOutcome.RolledBack, r.Outcome));
        Assert.Equal(Arm.Blue, _world.Pointers["eu-west"].Active);

        // Nothing is retried while blocked.
        var ran = _world.Ran.Count;
        _driver.Tick();
        Assert.Equal(ran, _world.Ran.Count);

        _world.Consumers["eu-west"].Stuck = false;
        var retried = _driver.Command(s => CampaignMachine.Rollback(s, "cmp-1", "bob", "stuck consumer stopped", _driver.Now, AuditKey.DemoNotSecret));
        Assert.Equal(CampaignState.RollingBack, retried.State);
        Assert.Null(retried.Regions.Single(r => r.Region == "eu-west").RollbackBlocked);
        var done = _driver.RunUntil(s => s.State.IsTerminal(), "the retried rollback to end");
        Assert.Equal(CampaignState.RolledBack, done.State);
        Assert.Equal(Blue.ConsumerVer, _world.Consumers["eu-west"].ActiveVer);
        Assert.Contains("cmp-1/eu-west/webhooks/rollback/4", _world.Consumers["eu-west"].Moves.Keys);
    }
}
