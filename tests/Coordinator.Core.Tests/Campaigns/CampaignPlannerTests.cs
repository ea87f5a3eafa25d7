using System.Collections.Immutable;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using static Coordinator.Core.Tests.Campaigns.CampaignSamples;

namespace Coordinator.Core.Tests.Campaigns;

public sealed class CampaignPlannerTests
{
    [Fact]
    public void Regions_are_planned_wave_by_wave_in_spec_order_each_with_the_six_steps()
    {
        var plan = CampaignPlanner.Plan(Spec());

        Assert.Equal(
            [(0, "canary", "eu-west"), (1, "wave-2", "us-east"), (1, "wave-2", "us-west"), (2, "wave-3", "ap-south"), (2, "wave-3", "eu-north")],
            plan.Regions.Select(r => (r.WaveIndex, r.WaveName, r.Region)));
        Assert.Equal([0, 1, 2, 3, 4], plan.Regions.Select(r => r.Order));
        Assert.Equal([1, 2, 2], plan.Waves.Select(w => w.Regions.Count));
        Assert.All(plan.Regions, r => Assert.Equal(
            [ChecklistStep.Freeze, ChecklistStep.VerifyInvariants, ChecklistStep.WarmGreen, ChecklistStep.Flip, ChecklistStep.HoldAndWatch, ChecklistStep.Unfreeze],
            r.Steps));
        Assert.Equal(CampaignSpecWriter.Fingerprint(Spec()), plan.SpecFingerprint);
    }

    [Fact]
    public void Fences_are_inherited_list_by_list_from_region_wave_and_campaign()
    {
        var spec = Spec() with
        {
            Fences = new FenceSpec { Writers = ["indexer"], ConsumerGroups = ["webhooks"] },
            Waves =
            [
                Wave(null, "eu-west"),
                Wave(null, "us-east", "us-west") with { Fences = new FenceSpec { Writers = ["indexer", "etl"] } },
                Wave(null, "ap-south", "eu-north") with
                {
                    Fences = new FenceSpec { Writers = ["etl"], ConsumerGroups = [] },
                    RegionFences = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
                        KeyValuePair.Create("eu-north", new FenceSpec { Writers = [], ConsumerGroups = ["eu-audit"] }),
                    ]),
                },
            ],
        };

        var fences = CampaignPlanner.Plan(spec).Regions.ToDictionary(r => r.Region, r => (string.Join(",", r.Fences.Writers), string.Join(",", r.Fences.ConsumerGroups)));

        Assert.Equal(("indexer", "webhooks"), fences["eu-west"]);
        Assert.Equal(("indexer,etl", "webhooks"), fences["us-east"]);
        Assert.Equal(("indexer,etl", "webhooks"), fences["us-west"]);
        Assert.Equal(("etl", ""), fences["ap-south"]);
        Assert.Equal(("", "eu-audit"), fences["eu-north"]);
    }

    [Fact]
    public void Holds_are_per_wave_and_manual_approval_gates_every_wave_after_the_first()
    {
        var spec = Spec() with
        {
            Hold = TimeSpan.FromMinutes(20),
            Approval = new ApprovalPolicy { Mode = ApprovalMode.Manual },
            Waves = [Wave("canary", "eu-west") with { Hold = TimeSpan.FromMinutes(30) }, Wave(null, "us-east"), Wave(null, "ap-south") with { Hold = TimeSpan.Zero }],
        };

        var plan = CampaignPlanner.Plan(spec);

        Assert.Equal([TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(20), TimeSpan.Zero], plan.Waves.Select(w => w.Hold));
        Assert.Equal([false, true, true], plan.Waves.Select(w => w.ApprovalBefore));
        Assert.All(CampaignPlanner.Plan(Spec()).Waves, w => Assert.False(w.ApprovalBefore));
    }

    [Fact]
    public void The_summary_tells_the_whole_plan_region_by_region()
    {
        var spec = Spec() with
        {
            Fences = new FenceSpec { Writers = ["indexer"] },
            Approval = new ApprovalPolicy { Mode = ApprovalMode.Manual, RequireDistinctApprover = true },
        };

        var summary = CampaignPlanner.Plan(spec).Summary;
        var lines = summary.Split('\n');

        Assert.Contains("moves rag-api to Green in 5 region(s) over 3 wave(s)", summary, StringComparison.Ordinal);
        Assert.Contains("the approver must not be alice", summary, StringComparison.Ordinal);
        Assert.Contains("ΔS p95 drift > 0.15, coverage < 0.6, λ flip rate > 0.2, 5xx > 1 %, tool-loop signals > 0", summary, StringComparison.Ordinal);
        Assert.Contains("Wave 2/3 'wave-2': hold 15 min, starts after an operator approves.", lines);
        Assert.Contains(
            "  1. eu-west: freeze writers indexer → verify invariants → warm Green → flip → hold 15 min → unfreeze (writers on index_hash idx-green, consumers on consumer-7)",
            lines);
        Assert.True(
            Array.FindIndex(lines, l => l.Contains("us-west", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.Contains("ap-south", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_invalid_spec_is_refused_with_every_error()
    {
        var ex = Assert.Throws<InvalidInputException>(() => CampaignPlanner.Plan(Spec() with { Service = "", Waves = [Wave(null)] }));

        Assert.Equal(["$.service", "$.waves[0].regions"], Fields(ex.Errors));
    }

    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(3, "3 s")]
    [InlineData(900, "15 min")]
    [InlineData(5400, "1 h 30 min")]
    [InlineData(125, "2 min 5 s")]
    [InlineData(86_400, "24 h")]
    public void Durations_read_like_an_operator_would_write_them(int seconds, string expected) =>
        Assert.Equal(expected, CampaignPlanner.FormatDuration(TimeSpan.FromSeconds(seconds)));
}
