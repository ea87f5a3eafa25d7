using System.Text.Json;
using Coordinator.IntegrationTests.Processes.Chaos;
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
        var run = Completed() with { Audits = Audits(("eu-west", ["claim", "flip:green", "flip:blue", "flip:green", "release"]), ("us-east", CutOver)) };

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

    [Fact]
    public void A_claim_recorded_twice_fails_the_pointer_steps_naming_the_region()
    {
        var run = Completed() with { Audits = Audits(("eu-west", ["claim", "claim", "flip:green", "release"]), ("us-east", CutOver)) };

        var failed = Assert.Single(new PointerStepsOnceCheck().Check(run), r => !r.Passed);

        Assert.Equal(PointerStepsOnceCheck.Subject("eu-west"), failed.Subject);
        Assert.Contains("'claim, claim, flip:green, release', expected 'claim, flip:green, release'", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rollback_after_a_done_wave_passes_when_every_chain_shows_both_passes_once_and_the_untouched_region_nothing()
    {
        var run = RolledBack() with
        {
            Audits = Audits(("eu-west", ["claim", "flip:green", "release", "claim", "flip:blue", "release"]), ("us-east", ["claim", "flip:green", "flip:blue", "release"]), ("ap-south", [])),
            // eu-west's writer is granted again between the flip back and the rollback's freeze: on Blue, by its epoch.
            LeaseAudits = Leases(
                ("eu-west", ["grant:1:blue@0", "freeze", "unfreeze:green@1", "grant:2:green@1", "grant:3:blue@2", "freeze", "unfreeze:blue@2", "grant:4:blue@2"]),
                ("us-east", ["grant:1:blue@0", "freeze", "unfreeze:blue@2"]),
                ("ap-south", ["grant:1:blue@0"])),
            Consumers = Consumers(("eu-west", 3, "consumer-41"), ("us-east", 1, "consumer-41"), ("ap-south", 1, "consumer-41")),
            ConsumerAudits = ConsumerChains(
                ("eu-west", ["pause", "move:green", "moved:green", "move:blue", "move-failed", "move:blue", "moved:blue"]),
                ("us-east", ["pause", "resume"]),
                ("ap-south", [])),
        };

        var results = new IRunCheck[] { new PointerStepsOnceCheck(), new LeaseStepsOnceCheck(), new ConsumerMovesOnceCheck(), new ConsumerStepsOnceCheck() }
            .SelectMany(c => c.Check(run)).ToList();

        Assert.All(results, r => Assert.True(r.Passed, r.Message));
        Assert.Equal(15, results.Count);
        Assert.Contains(results, r => r.Subject == ConsumerStepsOnceCheck.Subject("eu-west/webhooks") && r.Message.Contains("1 failed move(s) back started again", StringComparison.Ordinal));
    }

    [Fact]
    public void A_consumer_move_recorded_twice_or_onto_the_wrong_arm_fails_the_consumer_chain_naming_the_group()
    {
        var run = Completed() with
        {
            ConsumerAudits = ConsumerChains(
                ("eu-west", ["pause", "move:green", "moved:green", "move:green", "moved:green"]),
                ("us-east", ["pause", "move:blue", "moved:blue"])),
        };

        var failed = new ConsumerStepsOnceCheck().Check(run).Where(r => !r.Passed).ToList();

        Assert.Equal([ConsumerStepsOnceCheck.Subject("eu-west/webhooks"), ConsumerStepsOnceCheck.Subject("us-east/webhooks")], failed.Select(f => f.Subject));
        Assert.Contains("'pause, move:green, moved:green, move:green, moved:green', expected 'pause, move:green, moved:green'", failed[0].Message, StringComparison.Ordinal);
        Assert.Contains("'pause, move:blue, moved:blue', expected 'pause, move:green, moved:green'", failed[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_consumer_chain_that_does_not_verify_fails_the_audit_check()
    {
        var broken = new Answer<AuditReport>(new AuditReport(new AuditVerificationReport(false, 3, JsonDocument.Parse("[\"#2 altered\"]").RootElement), []), null);
        var run = Completed() with { ConsumerAudits = new Dictionary<string, Answer<AuditReport>> { ["eu-west/webhooks"] = broken } };

        var failed = Assert.Single(new AuditChainCheck().Check(run), r => !r.Passed);

        Assert.Equal(AuditChainCheck.Subject("eu-west/webhooks (consumers)"), failed.Subject);
        Assert.Contains("#2 altered", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grant_while_frozen_an_unfreeze_onto_the_wrong_arm_and_a_grant_on_the_wrong_index_fail_the_lease_checks()
    {
        var run = Completed() with
        {
            LeaseAudits = Leases(
                ("eu-west", ["grant:1:blue@0", "freeze", "grant:2:blue@0", "unfreeze:blue@1"]),
                ("us-east", ["freeze", "unfreeze:green@1", "grant:2:green@1", "grant:2:green@1", "grant:3:blue@1"])),
        };

        var failed = new LeaseStepsOnceCheck().Check(run).Where(r => !r.Passed).ToList();

        Assert.Equal(
            [LeaseStepsOnceCheck.Subject("eu-west/indexer"), LeaseStepsOnceCheck.GrantsSubject("eu-west/indexer"), LeaseStepsOnceCheck.GrantsSubject("us-east/indexer")],
            failed.Select(f => f.Subject));
        Assert.Contains("'freeze, unfreeze:blue', expected 'freeze, unfreeze:green'", failed[0].Message, StringComparison.Ordinal);
        Assert.Contains("grant of token 2 while rag-api-multiprocess held the lease frozen", failed[1].Message, StringComparison.Ordinal);
        Assert.Contains("grant of token 2 after token 2", failed[2].Message, StringComparison.Ordinal);
        Assert.Contains("grant of token 3 at epoch 1 on idx-blue, expected idx-green", failed[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_consumer_token_counting_two_moves_in_a_completed_campaign_fails_as_a_move_made_twice()
    {
        var run = Completed() with { Consumers = Consumers(("eu-west", 3, "consumer-42"), ("us-east", 2, "consumer-42")) };

        var failed = Assert.Single(new ConsumerMovesOnceCheck().Check(run), r => !r.Passed);

        Assert.Equal(ConsumerMovesOnceCheck.Subject("eu-west/webhooks"), failed.Subject);
        Assert.Contains("token 3 counts 2 completed moves, expected 1", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pause_recorded_twice_for_one_sent_fails_and_a_pause_whose_answer_was_lost_may_be_there_or_not()
    {
        var once = new OperatorCommands([new SentCampaignCommand("campaign-pause", 1, 1), new SentCampaignCommand("campaign-resume", 1, 1)]);
        var lost = new OperatorCommands([new SentCampaignCommand("campaign-pause", 0, 1)]);
        var twice = Completed() with { Faults = [once], CampaignAudit = CampaignAudit("campaign-start", "campaign-pause", "campaign-pause", "campaign-resume") };
        var unknown = Completed() with { Faults = [lost], CampaignAudit = CampaignAudit("campaign-start") };

        var failed = Assert.Single(new CampaignCommandsOnceCheck().Check(twice), r => !r.Passed);

        Assert.Equal(CampaignCommandsOnceCheck.Subject("campaign-pause"), failed.Subject);
        Assert.Contains("campaign-pause 2 times for rag-api-multiprocess, expected 1", failed.Message, StringComparison.Ordinal);
        Assert.All(new CampaignCommandsOnceCheck().Check(unknown), r => Assert.True(r.Passed, r.Message));
    }

    [Fact]
    public void A_campaign_the_operator_aborted_after_a_wait_must_end_rolled_back_by_that_abort_with_one_abort_in_the_chain()
    {
        var abort = new OperatorAborted("chaos-operator", HoldStart, "us-east: hold inconclusive", "aborted", [new SentCampaignCommand("campaign-abort", 1, 1)]);
        var aborted = RolledBack() with
        {
            Faults = [abort],
            Campaign = RolledBack().Campaign with { Reason = "aborted by chaos-operator: chaos: a gate could not decide" },
            CampaignAudit = CampaignAudit("campaign-start", "campaign-abort"),
        };
        var completed = Completed() with { Faults = [abort], CampaignAudit = CampaignAudit("campaign-start", "campaign-abort") };
        var gateRolledBack = aborted with { Campaign = RolledBack().Campaign };
        var noAbortInChain = aborted with { CampaignAudit = CampaignAudit("campaign-start") };

        Assert.All(new CampaignOutcomeCheck().Check(aborted), r => Assert.True(r.Passed, r.Message));
        Assert.All(new CampaignCommandsOnceCheck().Check(aborted), r => Assert.True(r.Passed, r.Message));
        Assert.Contains("expected rolled_back by chaos-operator's abort", Assert.Single(new CampaignOutcomeCheck().Check(completed)).Message, StringComparison.Ordinal);
        Assert.False(Assert.Single(new CampaignOutcomeCheck().Check(gateRolledBack)).Passed);
        var missing = Assert.Single(new CampaignCommandsOnceCheck().Check(noAbortInChain), r => !r.Passed);
        Assert.Equal(CampaignCommandsOnceCheck.Subject("campaign-abort"), missing.Subject);
    }

    private sealed record OperatorCommands(IReadOnlyList<SentCampaignCommand> Sent) : FaultRecord("an operator's commands"), ISentCampaignCommands;

    private const string CampaignId = "rag-api-multiprocess";

    private static readonly string[] CutOver = ["claim", "flip:green", "release"];

    private static RunDescription Description() => RunDescription.Standard() with { Regions = ["eu-west", "us-east"] };

    private static RunRecord Completed() => new()
    {
        Description = Description(),
        SiloPorts = [new SiloPorts(1000, 2000, 3000), new SiloPorts(1001, 2001, 3001), new SiloPorts(1002, 2002, 3002)],
        Faults = [new SiloKilled("silo-1", 1001, HoldStart + TimeSpan.FromSeconds(1), "eu-west", WasCutoverHost: true)],
        Campaign = Campaign("completed", null),
        HostAfter = new Answer<HostReport>(new HostReport(1002), null),
        Audits = Audits(("eu-west", CutOver), ("us-east", CutOver)),
        CampaignAudit = CampaignAudit("campaign-start"),
        LeaseAudits = Leases(("eu-west", ["grant:1:blue@0", "freeze", "unfreeze:green@1", "grant:2:green@1"]), ("us-east", ["freeze", "unfreeze:green@1"])),
        Consumers = Consumers(("eu-west", 2, "consumer-42"), ("us-east", 2, "consumer-42")),
        ConsumerAudits = ConsumerChains(("eu-west", ["pause", "move:green", "moved:green"]), ("us-east", ["pause", "move:green", "moved:green"])),
        Arms = new Dictionary<string, ArmManifestReport>
        {
            ["blue"] = new("idx-blue", "consumer-41"),
            ["green"] = new("idx-green", "consumer-42"),
        },
        FleetExitCode = 0,
        Fleet = Fleet(),
        FleetTail = string.Empty,
        ProcessLogs = [],
    };

    /// <summary>us-east failed its hold after eu-west's wave was done; a third region never started.</summary>
    private static RunRecord RolledBack() => Completed() with
    {
        Description = Description() with { Regions = ["eu-west", "us-east", "ap-south"] },
        Campaign = new CampaignReport("rolled_back", "us-east: stop rule during hold", [
            Region("eu-west", "rolled_back", 1, "freeze", "verify_invariants", "warm_green", "flip", "hold_and_watch", "unfreeze"),
            Region("us-east", "rolled_back", 1, "freeze", "verify_invariants", "warm_green", "flip"),
            Region("ap-south", "pending", null),
        ]),
    };

    private static CampaignReport Campaign(string state, string? reason) => new(
        state,
        reason,
        [
            Region("eu-west", "done", 1, "freeze", "verify_invariants", "warm_green", "flip", "hold_and_watch", "unfreeze") with
            {
                Steps = [new CampaignStepReport("hold_and_watch", HoldStart, HoldStart + TimeSpan.FromSeconds(15)), new CampaignStepReport("unfreeze", HoldStart, HoldStart + TimeSpan.FromSeconds(16))],
            },
            Region("us-east", "done", 1, "freeze", "verify_invariants", "warm_green", "flip", "hold_and_watch", "unfreeze"),
        ]);

    private static CampaignRegionReport Region(string region, string outcome, long? flippedEpoch, params string[] finished) => new(
        region,
        outcome,
        flippedEpoch,
        [.. finished.Select(step => new CampaignStepReport(step, HoldStart, HoldStart))],
        new RegionFencesReport(["indexer"], ["webhooks"]));

    /// <summary>Pointer chains from steps such as "claim", "flip:green", "release", all for the drill's campaign (flips numbered from epoch 0).</summary>
    private static Dictionary<string, Answer<AuditReport>> Audits(params (string Region, string[] Steps)[] regions) =>
        regions.ToDictionary(
            r => r.Region,
            r => Chain([
                new AuditEntryReport("register-arm", "arm=blue;index_hash=idx-blue"),
                new AuditEntryReport("register-arm", "arm=green;index_hash=idx-green"),
                .. r.Steps.Select((step, i) => step.Split(':') is [var flip, var to] && flip == "flip"
                    ? new AuditEntryReport("flip", $"to={to};expected_epoch={r.Steps.Take(i).Count(s => s.StartsWith("flip", StringComparison.Ordinal))};key={CampaignId}/{r.Region}/flip;campaign={CampaignId};reason=x")
                    : new AuditEntryReport(step, $"campaign={CampaignId}")),
            ]));

    /// <summary>Lease chains of the writer "indexer" from steps such as "grant:TOKEN:ARM@EPOCH", "freeze", "unfreeze:ARM@EPOCH".</summary>
    private static Dictionary<string, Answer<AuditReport>> Leases(params (string Region, string[] Steps)[] regions) =>
        regions.ToDictionary(
            r => $"{r.Region}/indexer",
            r => Chain([.. r.Steps.Select(step => step.Split(':', '@') switch
            {
                ["grant", var token, var arm, var epoch] => new AuditEntryReport("grant", $"token={token};epoch={epoch};index_hash=idx-{arm};ttl_ms=10000"),
                ["unfreeze", var arm, var epoch] => new AuditEntryReport("unfreeze", $"campaign={CampaignId};index_hash=idx-{arm};epoch={epoch}"),
                _ => new AuditEntryReport(step, $"campaign={CampaignId};revoked=-"),
            })]));

    /// <summary>
    /// Chains of the consumer group "webhooks" from steps "pause", "resume", "move:ARM" and "moved:ARM"
    /// (to Green under the campaign's move key, to Blue under its rollback key) and "move-failed",
    /// among the fleet's own entries.
    /// </summary>
    private static Dictionary<string, Answer<AuditReport>> ConsumerChains(params (string Region, string[] Steps)[] regions) =>
        regions.ToDictionary(
            r => $"{r.Region}/webhooks",
            r => Chain([
                new AuditEntryReport("configure", "consumer_ver=consumer-41;partitions=4;ledger_policy=fail-closed"),
                .. r.Steps.Select(step => step.Split(':') switch
                {
                    ["move", var arm] => new AuditEntryReport("move-start", $"from=x;to={ConsumerVer(arm)};key={MoveKey(r.Region, arm)};reason=campaign {CampaignId}"),
                    ["moved", var arm] => new AuditEntryReport("move-completed", $"key={MoveKey(r.Region, arm)};from=x;to={ConsumerVer(arm)};token=2;offsets=0:10"),
                    ["move-failed"] => new AuditEntryReport("move-failed", $"key={MoveKey(r.Region, "blue")};pending=old-pod"),
                    _ => new AuditEntryReport(step, $"campaign={CampaignId}"),
                }),
            ]));

    private static string MoveKey(string region, string arm) => $"{CampaignId}/{region}/webhooks/{(arm == "green" ? "move" : "rollback")}";

    private static string ConsumerVer(string arm) => arm == "green" ? "consumer-42" : "consumer-41";

    private static Answer<AuditReport> CampaignAudit(params string[] commands) =>
        Chain([.. commands.Select(c => new AuditEntryReport(c, $"campaign={CampaignId};reason=x"))]);

    private static Answer<AuditReport> Chain(IReadOnlyList<AuditEntryReport> entries) =>
        new(new AuditReport(new AuditVerificationReport(true, entries.Count, JsonDocument.Parse("[]").RootElement), entries), null);

    private static Dictionary<string, Answer<ConsumerGroupsReport>> Consumers(params (string Region, long Token, string Version)[] regions) =>
        regions.ToDictionary(
            r => r.Region,
            r => new Answer<ConsumerGroupsReport>(new ConsumerGroupsReport([new ConsumerGroupReport("webhooks", r.Version, "consuming", r.Token, null, null)]), null));

    private static FleetReport Fleet() => new(
        new FleetWrites(0, 0),
        new FleetCommits(0, 0),
        new FleetRequests(0),
        [new FleetRegionReport("eu-west", 1, 1), new FleetRegionReport("us-east", 1, 1)]);
}
