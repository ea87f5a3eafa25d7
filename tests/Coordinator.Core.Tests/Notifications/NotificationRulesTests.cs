using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using Coordinator.Core.Tests.Campaigns;
using Coordinator.Core.Tests.Campaigns.Machine;
using Coordinator.Domain;
using Coordinator.Notifications;
using static Coordinator.Core.Tests.Campaigns.Machine.MachineSamples;

namespace Coordinator.Core.Tests.Notifications;

/// <summary>Whole campaigns on the simulated region world, every save passed through the outbox as the grain does.</summary>
public sealed class NotificationRulesTests
{
    private readonly RegionWorld _world = World();
    private readonly MachineDriver _driver;

    public NotificationRulesTests() => _driver = new MachineDriver(_world);

    /// <summary>The outbox after every saved state, folded the way the grain records each save onto the last.</summary>
    private CutoverState Outboxed()
    {
        var state = new CutoverState();
        foreach (var saved in _driver.Saved)
        {
            state = NotificationOutbox.Record(state, saved, CampaignSamples.T0);
        }

        return state;
    }

    private IEnumerable<(NotificationKind, string?, int?)> Kinds() => Outboxed().Notifications.Select(n => (n.Kind, n.Region, n.Wave));

    [Fact]
    public void A_campaign_with_approval_between_waves_announces_start_each_wave_the_wait_and_completion_once_each()
    {
        _driver.Start(Spec(ApprovalMode.Manual));
        RunUntil(_driver, s => s.State == CampaignState.WaitingForApproval, "the wait after the canary");
        _driver.Command(s => CampaignMachine.Approve(s, "cmp-1", "bob", "canary fine", _driver.Now, AuditKey.DemoNotSecret));
        RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");

        Assert.Equal(
            [
                (NotificationKind.Started, null, null),
                (NotificationKind.WaveDone, null, 1),
                (NotificationKind.WaitingForOperator, null, null),
                (NotificationKind.WaveDone, null, 2),
                (NotificationKind.Completed, null, null),
            ],
            Kinds());
        var outbox = Outboxed();
        Assert.Equal([1L, 2, 3, 4, 5], outbox.Notifications.Select(n => n.Sequence));
        Assert.Equal(5, outbox.NotificationSequence);
        Assert.Equal(5, outbox.Notifications.Select(n => n.EventId).Distinct().Count());
        Assert.All(outbox.Notifications, n => Assert.Equal($"rag-api/cmp-1/{n.Sequence}", n.EventId));
        Assert.Contains("us-east, us-west", outbox.Notifications[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hold_windows_that_pass_every_second_announce_nothing()
    {
        _driver.Start(Spec());
        RunUntil(_driver, s => s.Regions[0].Hold.Count >= 5, "five hold windows");

        Assert.Equal([(NotificationKind.Started, null, null)], Kinds());
    }

    [Fact]
    public void A_failed_warm_gate_names_its_region_and_wave_then_the_rollback_ends_it()
    {
        _driver.Start(Spec());
        SmokeReport Poor(string region) => Smoke(region) with { Items = [.. Smoke(region).Items.Select(i => i with { Coverage = 0.40 })] };
        RunUntil(_driver, s => s.State.IsTerminal(), "the campaign to end", Poor);

        Assert.Equal(
            [(NotificationKind.Started, null, null), (NotificationKind.GateFailed, "eu-west", 1), (NotificationKind.RolledBack, null, null)],
            Kinds());
        var failed = Outboxed().Notifications[1];
        Assert.StartsWith("warm gate failed: ", failed.Message, StringComparison.Ordinal);
        Assert.Equal(CampaignState.RollingBack, failed.State);
    }

    [Fact]
    public void A_stop_rule_in_the_hold_is_a_failed_hold_gate()
    {
        _world.GreenTelemetry = w => w with { Http5xxCount = 50 };
        _driver.Start(Spec());
        RunUntil(_driver, s => s.State.IsTerminal(), "the campaign to end");

        var failed = Assert.Single(Outboxed().Notifications, n => n.Kind == NotificationKind.GateFailed);
        Assert.Equal("eu-west", failed.Region);
        Assert.StartsWith("hold gate failed: ", failed.Message, StringComparison.Ordinal);
        Assert.Equal(NotificationKind.RolledBack, Outboxed().Notifications[^1].Kind);
    }

    [Fact]
    public void A_blocked_rollback_is_announced_and_so_is_its_end_after_the_retry()
    {
        _driver.Start(Spec());
        RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");
        _world.Consumers["eu-west"].Stuck = true;
        _driver.Command(s => CampaignMachine.Rollback(s, "cmp-1", "bob", "index regressed", _driver.Now, AuditKey.DemoNotSecret));
        _driver.RunUntil(s => s.State == CampaignState.RollbackBlocked, "the rollback to block");
        _world.Consumers["eu-west"].Stuck = false;
        _driver.Command(s => CampaignMachine.Rollback(s, "cmp-1", "bob", "consumer fixed", _driver.Now, AuditKey.DemoNotSecret));
        _driver.RunUntil(s => s.State.IsTerminal(), "the retried rollback to end");

        Assert.Equal(
            [NotificationKind.Started, NotificationKind.WaveDone, NotificationKind.WaveDone, NotificationKind.Completed, NotificationKind.RollbackBlocked, NotificationKind.RolledBack],
            Outboxed().Notifications.Select(n => n.Kind));
        Assert.Contains("eu-west", Outboxed().Notifications[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_campaign_starts_a_new_run_of_notifications_after_the_first_ones_sequences()
    {
        _driver.Start(Spec());
        RunUntil(_driver, s => s.State == CampaignState.Completed, "the first campaign to complete");
        var first = Outboxed().NotificationSequence;
        _driver.Start(Spec() with { CampaignId = "cmp-2" });

        var started = Outboxed().Notifications[^1];
        Assert.Equal((NotificationKind.Started, "cmp-2", first + 1), (started.Kind, started.CampaignId, started.Sequence));
        Assert.Equal($"rag-api/cmp-2/{first + 1}", started.EventId);
    }
}
