using Coordinator.Campaigns;

namespace Coordinator.Core.Tests.Campaigns;

public sealed class CampaignEventsTests
{
    private static readonly DateTimeOffset T0 = CampaignSamples.T0;

    private static CampaignStatus Started(long version = 1) => new()
    {
        CampaignId = "cmp-1",
        Service = "rag-api",
        State = CampaignState.Running,
        CurrentWave = 0,
        WaveCount = 2,
        Regions =
        [
            new RegionProgress { Region = "eu-west", WaveIndex = 0, Fences = new RegionFences() },
            new RegionProgress { Region = "us-east", WaveIndex = 1, Fences = new RegionFences() },
        ],
        StartedAt = T0,
        StartedBy = "alice",
        SpecFingerprint = "fp",
        Version = version,
    };

    private static CampaignStatus Region(CampaignStatus status, string region, Func<RegionProgress, RegionProgress> change, long version) =>
        status with { Regions = [.. status.Regions.Select(r => r.Region == region ? change(r) : r)], Version = version };

    private static GateResult Gate(GateKind kind, GateVerdict verdict, string reason) => new()
    {
        Kind = kind,
        Verdict = verdict,
        Metrics = [],
        AsOf = T0,
        Reason = reason,
    };

    [Fact]
    public void A_new_campaign_is_announced_as_started_and_follows_on_from_nothing()
    {
        var change = CampaignEvents.Between(null, Started(), T0);

        var started = Assert.Single(change.Events);
        Assert.Equal(CampaignEventKind.Started, started.Kind);
        Assert.Contains("alice", started.Message);
        Assert.Equal((1L, 0L), (change.Version, change.PreviousVersion));
    }

    [Fact]
    public void A_different_campaign_before_counts_as_nothing_before()
    {
        var previous = Started(version: 40) with { CampaignId = "cmp-0", State = CampaignState.Completed };

        var change = CampaignEvents.Between(previous, Started(), T0);

        Assert.Equal(CampaignEventKind.Started, Assert.Single(change.Events).Kind);
        Assert.Equal(0, change.PreviousVersion);
    }

    [Fact]
    public void Finished_steps_are_reported_in_order_with_their_results_and_the_region_start()
    {
        var before = Started();
        var after = Region(before, "eu-west", r => r with
        {
            Outcome = RegionOutcome.InProgress,
            Step = ChecklistStep.WarmGreen,
            Steps =
            [
                new StepRecord(ChecklistStep.Freeze, T0, T0, "froze 1 writers"),
                new StepRecord(ChecklistStep.VerifyInvariants, T0, T0, "Green matches the target manifest"),
            ],
        }, version: 2);

        var change = CampaignEvents.Between(before, after, T0);

        Assert.Equal(
            [CampaignEventKind.RegionStarted, CampaignEventKind.StepFinished, CampaignEventKind.StepFinished],
            change.Events.Select(e => e.Kind));
        Assert.All(change.Events, e => Assert.Equal("eu-west", e.Region));
        Assert.Equal([null, ChecklistStep.Freeze, ChecklistStep.VerifyInvariants], change.Events.Select(e => e.Kind == CampaignEventKind.RegionStarted ? null : e.Step));
        Assert.Contains("Green matches", change.Events[^1].Message);
        Assert.Equal((2L, 1L), (change.Version, change.PreviousVersion));
    }

    [Fact]
    public void A_new_gate_verdict_carries_the_gate_and_its_reason()
    {
        var before = Region(Started(), "eu-west", r => r with { Outcome = RegionOutcome.InProgress, Step = ChecklistStep.HoldAndWatch }, 5);
        var failed = Gate(GateKind.Hold, GateVerdict.Fail, "coverage_mean 0.55 < 0.60: stop rule stop_rules.min_coverage fired");
        var after = Region(before, "eu-west", r => r with { Hold = [failed] }, 6);

        var judged = Assert.Single(CampaignEvents.Between(before, after, T0).Events);

        Assert.Equal(CampaignEventKind.GateJudged, judged.Kind);
        Assert.Same(failed, judged.Gate);
        Assert.Contains("hold gate failed", judged.Message);
        Assert.Contains("0.55 < 0.60", judged.Message);
    }

    private static MetricResult Metric(string name, GateVerdict verdict, string reason) => new()
    {
        Metric = name,
        Value = 0.5,
        Direction = MetricDirection.HigherIsBetter,
        Unit = MetricUnit.Ratio,
        Verdict = verdict,
        Reason = reason,
    };

    [Fact]
    public void Gate_lines_stay_short_numbers_for_what_failed_names_for_what_is_inconclusive()
    {
        var before = Region(Started(), "eu-west", r => r with { Outcome = RegionOutcome.InProgress, Step = ChecklistStep.HoldAndWatch }, 5);
        GateResult Hold(GateVerdict verdict, params MetricResult[] metrics) =>
            Gate(GateKind.Hold, verdict, "the long reason") with { Metrics = [Metric("requests", GateVerdict.Pass, "300 ≥ 200"), .. metrics] };
        string Line(GateResult gate) => Assert.Single(CampaignEvents.Between(before, Region(before, "eu-west", r => r with { Hold = [gate] }, 6), T0).Events).Message;

        Assert.Equal("hold gate passed: 1 metrics", Line(Hold(GateVerdict.Pass)));
        Assert.Equal(
            "hold gate failed: coverage_mean 0.55 < 0.60: stop rule stop_rules.min_coverage fired",
            Line(Hold(GateVerdict.Fail,
                Metric("coverage_mean", GateVerdict.Fail, "0.55 < 0.60: stop rule stop_rules.min_coverage fired"),
                Metric("delta_s_p95", GateVerdict.Inconclusive, "too few samples: 3"))));
        Assert.Equal(
            "hold gate inconclusive: coverage_mean, delta_s_p95 (too few samples so far)",
            Line(Hold(GateVerdict.Inconclusive,
                Metric("coverage_mean", GateVerdict.Inconclusive, "too few samples: 3 green coverage samples"),
                Metric("delta_s_p95", GateVerdict.Inconclusive, "too few samples: 3 green ΔS samples"))));
        Assert.Equal(
            "hold gate inconclusive: coverage_mean",
            Line(Hold(GateVerdict.Inconclusive, Metric("coverage_mean", GateVerdict.Inconclusive, "0.65 between 0.60 and 0.70"))));
    }

    [Fact]
    public void State_changes_name_what_happened()
    {
        var running = Started(version: 3);
        var waiting = running with { State = CampaignState.WaitingForApproval, Reason = "wave 1 done; approve to start wave 2", Version = 4 };
        var approved = waiting with { State = CampaignState.Running, CurrentWave = 1, Approvals = ["bob: looks good"], Reason = null, Version = 5 };
        var rollingBack = approved with { State = CampaignState.RollingBack, Reason = "aborted by bob: no", Version = 6 };
        var rolledBack = rollingBack with { State = CampaignState.RolledBack, RollbackDuration = TimeSpan.FromMilliseconds(412), Version = 7 };

        Assert.Equal(CampaignEventKind.WaitingForApproval, Assert.Single(CampaignEvents.Between(running, waiting, T0).Events).Kind);
        var approval = CampaignEvents.Between(waiting, approved, T0).Events;
        Assert.Equal([CampaignEventKind.WaveStarted, CampaignEventKind.Approved], approval.Select(e => e.Kind));
        Assert.Contains("bob: looks good", approval[1].Message);
        Assert.Equal(CampaignEventKind.RollingBack, Assert.Single(CampaignEvents.Between(approved, rollingBack, T0).Events).Kind);
        var done = Assert.Single(CampaignEvents.Between(rollingBack, rolledBack, T0).Events);
        Assert.Equal(CampaignEventKind.RolledBack, done.Kind);
        Assert.Contains("412 ms", done.Message);
        Assert.Contains("aborted by bob", done.Message);
    }

    [Fact]
    public void A_change_no_kind_describes_still_yields_an_event_so_followers_can_count_versions()
    {
        var before = Started(version: 8);
        var after = before with { Approvals = ["note"], Version = 9 };

        var change = CampaignEvents.Between(before, after, T0);

        Assert.Equal(CampaignEventKind.Updated, Assert.Single(change.Events).Kind);
        Assert.Equal((9L, 8L), (change.Version, change.PreviousVersion));
    }

    [Fact]
    public void Regions_that_finish_or_roll_back_are_announced_once()
    {
        var before = Region(Started(), "eu-west", r => r with { Outcome = RegionOutcome.InProgress, Step = ChecklistStep.Unfreeze, FlippedEpoch = 1 }, 10);
        var done = Region(before, "eu-west", r => r with { Outcome = RegionOutcome.Done }, 11);
        var back = Region(done, "eu-west", r => r with { Outcome = RegionOutcome.RolledBack, Note = "rolled back to Blue" }, 12);

        Assert.Equal(CampaignEventKind.RegionDone, Assert.Single(CampaignEvents.Between(before, done, T0).Events).Kind);
        Assert.Contains("epoch 1", Assert.Single(CampaignEvents.Between(before, done, T0).Events).Message);
        Assert.Equal(CampaignEventKind.RegionRolledBack, Assert.Single(CampaignEvents.Between(done, back, T0).Events).Kind);
        Assert.Equal(CampaignEventKind.Updated, Assert.Single(CampaignEvents.Between(back, back with { Version = 13 }, T0).Events).Kind);
    }
}
