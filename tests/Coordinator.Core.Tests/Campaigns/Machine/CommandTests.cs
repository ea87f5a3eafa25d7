using Coordinator.Domain;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using static Coordinator.Core.Tests.Campaigns.Machine.MachineSamples;

namespace Coordinator.Core.Tests.Campaigns.Machine;

/// <summary>Operators' calls: named errors that change nothing, replays, one campaign at a time.</summary>
public sealed class CommandTests
{
    private readonly MachineDriver _driver = new(World());

    [Fact]
    public void Starting_plans_every_region_and_replaying_the_same_spec_changes_nothing()
    {
        var started = _driver.Start(Spec());
        Assert.Equal((CampaignState.Running, 2, 1L), (started.State, started.WaveCount, started.Version));
        Assert.Equal(["eu-west", "us-east", "us-west"], started.Regions.Select(r => r.Region));
        Assert.All(started.Regions, r => Assert.Equal(RegionOutcome.Pending, r.Outcome));

        var replay = CampaignMachine.Start(_driver.State, "rag-api", Spec(), MachineDriver.Registered, _driver.Now, AuditKey.DemoNotSecret);
        Assert.False(replay.IsChange);
        Assert.True(replay.Result.Replayed);
        Assert.Same(_driver.Status, replay.Result.Status);
        Assert.Throws<IdempotencyKeyConflictException>(() => CampaignMachine.Start(_driver.State, "rag-api", Spec() with { Reason = "other" }, MachineDriver.Registered, _driver.Now, AuditKey.DemoNotSecret));
    }

    [Fact]
    public void A_second_campaign_waits_for_the_first_to_end_and_the_first_is_archived()
    {
        _driver.Start(Spec());
        var running = Assert.Throws<CoordinatorException>(() => CampaignMachine.Start(_driver.State, "rag-api", Spec() with { CampaignId = "cmp-2" }, MachineDriver.Registered, _driver.Now, AuditKey.DemoNotSecret));
        Assert.Equal(CoordinatorErrorCode.CampaignRunning, running.Code);

        RunUntil(_driver, s => s.State == CampaignState.Completed, "the first campaign to complete");
        var second = _driver.Command(s => CampaignMachine.Start(s, "rag-api", Spec() with { CampaignId = "cmp-2" }, MachineDriver.Registered, _driver.Now, AuditKey.DemoNotSecret));
        Assert.Equal((1L, false), (second.Status.Version, second.Replayed));
        Assert.Equal(["cmp-1", "cmp-2"], CampaignMachine.List(_driver.State).Select(c => c.CampaignId));
        Assert.Equal(CampaignState.Completed, CampaignMachine.Find(_driver.State, "cmp-1")!.State);
    }

    [Fact]
    public void Bad_input_is_named_and_changes_nothing()
    {
        var foreign = Assert.Throws<InvalidInputException>(() => CampaignMachine.Start(new CutoverState(), "search-api", Spec(), MachineDriver.Registered, _driver.Now, AuditKey.DemoNotSecret));
        Assert.Equal(["$.service"], foreign.Errors.Select(e => e.Field));
        var unregistered = Assert.Throws<InvalidInputException>(() => CampaignMachine.Start(new CutoverState(), "rag-api", Spec(), new HashSet<string> { "eu-west" }, _driver.Now, AuditKey.DemoNotSecret));
        Assert.Contains(unregistered.Errors, e => e.Field.StartsWith("$.waves[1]", StringComparison.Ordinal));

        _driver.Start(Spec());
        var before = _driver.State;
        var blank = Assert.Throws<InvalidInputException>(() => CampaignMachine.Abort(before, "cmp-1", "", "", _driver.Now, AuditKey.DemoNotSecret));
        Assert.Equal(["operator", "reason"], blank.Errors.Select(e => e.Field));
        var other = Assert.Throws<InvalidInputException>(() => CampaignMachine.Pause(before, "cmp-9", "bob", "why", _driver.Now, AuditKey.DemoNotSecret));
        Assert.Equal(["campaign"], other.Errors.Select(e => e.Field));
        var wrongRegion = Assert.Throws<InvalidInputException>(() => CampaignMachine.SubmitSmokeReport(before, "cmp-1", Smoke("ap-south"), _driver.Now));
        Assert.Equal(["region"], wrongRegion.Errors.Select(e => e.Field));
        Assert.Throws<CoordinatorException>(() => CampaignMachine.Approve(before, "cmp-1", "bob", "early", _driver.Now, AuditKey.DemoNotSecret));
        Assert.Same(before, _driver.State);
    }

    [Fact]
    public void A_smoke_report_is_kept_per_region_without_a_new_campaign_version()
    {
        _driver.Start(Spec());
        var version = _driver.Status.Version;
        _driver.Command(s => CampaignMachine.SubmitSmokeReport(s, "cmp-1", Smoke("eu-west"), _driver.Now));
        Assert.Equal(version, _driver.Status.Version);
        Assert.Equal(_driver.Now, _driver.State.SmokeReports["eu-west"].ReceivedAt);
    }

    [Fact]
    public void Every_saved_change_bumps_the_version_by_one()
    {
        _driver.Start(Spec());
        RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");
        var versions = _driver.Saved.Select(s => s.Current!.Version).Distinct().ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count).Select(v => (long)v), versions);
    }
}
