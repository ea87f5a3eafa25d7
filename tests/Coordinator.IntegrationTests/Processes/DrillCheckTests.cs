using System.Text.Json;
using Coordinator.IntegrationTests.Processes.Drill;
using Coordinator.IntegrationTests.Processes.Drill.Checks;

namespace Coordinator.IntegrationTests.Processes;

/// <summary>
/// The drill's checks on hand-made records, no processes: each one catches the violation it exists
/// for, and says which region or counter.
/// </summary>
public sealed class DrillCheckTests
{
    private static readonly DateTimeOffset HoldStart = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_clean_completed_run_passes_every_check()
    {
        var results = RunChecks.Judge(Completed());

        Assert.All(results, r => Assert.True(r.Passed, r.Message));
    }

    [Fact]
    public void A_region_flipped_twice_in_a_completed_campaign_fails_naming_the_region()
    {
        var run = Completed() with { Audits = Audits(("eu-west", ["green", "blue", "green"]), ("us-east", ["green"])) };

        var failed = Assert.Single(new FlipsOnceCheck().Check(run), r => !r.Passed);

        Assert.Equal(FlipsOnceCheck.Subject("eu-west"), failed.Subject);
        Assert.Contains("'green,blue,green', expected 'green'", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rollback_whose_reason_does_not_name_the_injected_metric_fails()
    {
        var run = Completed() with
        {
            Description = Description() with { Injections = ["ap-south:coverage=0.55"] },
            Campaign = Campaign("rolled_back", "eu-west: http_5xx_rate 0.2 over the stop rule"),
        };

        var result = Assert.Single(new CampaignOutcomeCheck().Check(run));

        Assert.False(result.Passed);
        Assert.Contains("expected rolled_back with coverage in the reason", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kill_after_the_hold_finished_fails()
    {
        var late = new SiloKilled("silo-1", 1001, HoldStart + TimeSpan.FromSeconds(20), "eu-west", WasCutoverHost: true);

        var result = Assert.Single(new KillInsideHoldCheck().Check(Completed() with { Faults = [late] }));

        Assert.False(result.Passed);
        Assert.Contains("did not fall inside eu-west's hold_and_watch step", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_grain_still_on_the_killed_silo_fails()
    {
        var run = Completed() with { HostAfter = new Answer<HostReport>(new HostReport(1001), null) };

        var result = Assert.Single(new SurvivorHostsGrainCheck().Check(run));

        Assert.False(result.Passed);
        Assert.Contains("expected a survivor other than 1001", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_safety_counter_missing_from_the_fleet_summary_fails_rather_than_passing_as_zero()
    {
        var run = Completed() with { Fleet = Fleet() with { Requests = null } };

        var failed = Assert.Single(new FleetSafetyCheck().Check(run), r => !r.Passed);

        Assert.Equal("fleet: lower-epoch reads: missing from the summary", failed.Message);
    }

    private static RunDescription Description() => RunDescription.Standard() with { Regions = ["eu-west", "us-east"] };

    private static RunRecord Completed() => new()
    {
        Description = Description(),
        SiloPorts = [new SiloPorts(1000, 2000, 3000), new SiloPorts(1001, 2001, 3001), new SiloPorts(1002, 2002, 3002)],
        Faults = [new SiloKilled("silo-1", 1001, HoldStart + TimeSpan.FromSeconds(1), "eu-west", WasCutoverHost: true)],
        Campaign = Campaign("completed", null),
        HostAfter = new Answer<HostReport>(new HostReport(1002), null),
        Audits = Audits(("eu-west", ["green"]), ("us-east", ["green"])),
        FleetExitCode = 0,
        Fleet = Fleet(),
        FleetTail = string.Empty,
        ProcessLogs = [],
    };

    private static CampaignReport Campaign(string state, string? reason) => new(
        state,
        reason,
        [
            new CampaignRegionReport("eu-west", "flipped", 1, [new CampaignStepReport("hold_and_watch", HoldStart, HoldStart + TimeSpan.FromSeconds(15))]),
            new CampaignRegionReport("us-east", "flipped", 1, []),
        ]);

    private static Dictionary<string, Answer<AuditReport>> Audits(params (string Region, string[] Flips)[] regions) =>
        regions.ToDictionary(
            r => r.Region,
            r => new Answer<AuditReport>(
                new AuditReport(
                    new AuditVerificationReport(true, r.Flips.Length + 2, JsonDocument.Parse("[]").RootElement),
                    [.. r.Flips.Select(to => new AuditEntryReport("flip", $"to={to} epoch=?"))]),
                null));

    private static FleetReport Fleet() => new(
        new FleetWrites(0, 0),
        new FleetCommits(0, 0),
        new FleetRequests(0),
        [new FleetRegionReport("eu-west", 1, 1), new FleetRegionReport("us-east", 1, 1)]);
}
