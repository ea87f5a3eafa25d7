using Coordinator.Arms;
using Coordinator.Campaigns;
using Coordinator.Console.Commands.Demo;
using Coordinator.Fleet;
using Coordinator.TestKit;
using GoldSet = Coordinator.Evaluation.Gold.GoldSet;

namespace Coordinator.ConsoleTests.Demo;

public sealed class DemoArmsTests
{
    private static FaultInjection Inject(string text) => FaultInjection.Parse(text, new List<FieldError>())!;

    [Fact]
    public void Coverage_becomes_the_share_of_green_passages_left_out_only_in_its_region()
    {
        var injections = new[] { Inject("ap-south:coverage=0.55") };

        var green = DemoArms.Configure("ap-south", ArmOptions.ForGreen(), injections);

        Assert.Equal(Math.Round((DemoArms.WholeIndexCoverage - 0.55) / DemoArms.CoverageLostPerDrop, 2), green.DropFraction);
        Assert.Equal(0, DemoArms.Configure("eu-west", ArmOptions.ForGreen(), injections).DropFraction);
        Assert.Equal(0, DemoArms.Configure("ap-south", ArmOptions.ForBlue(), injections).DropFraction);
        Assert.Equal(0, DemoArms.DropFor(0.9));
        Assert.Equal("drop_fraction=0.55", DemoArms.Describe(green));
        Assert.Null(DemoArms.Describe(DemoArms.Configure("eu-west", ArmOptions.ForGreen(), injections)));
    }

    [Fact]
    public void Latency_factor_scales_blues_stage_times_and_failure_rates_become_5xx_answers()
    {
        var injections = new[] { Inject("us-east:latency_factor=2"), Inject("us-east:http_5xx_rate=0.05") };

        var green = DemoArms.Configure("us-east", ArmOptions.ForGreen(), injections);

        Assert.Equal((DemoArms.BlueStages.Retrieve * 2, DemoArms.BlueStages.Rerank * 2, DemoArms.BlueStages.Reason * 2), (green.RetrieveDelayMs, green.RerankDelayMs, green.ReasonDelayMs));
        Assert.Equal((0.05, 500), (green.FaultFraction, green.FaultStatus));
        Assert.Empty(ArmOptionsValidator.Validate(green));
    }

    [Theory]
    [InlineData("ap-south:delta_s=0.7", "cannot be degraded on delta_s")]
    [InlineData("ap-south:lambda_flip_rate=0.3", "cannot be degraded on lambda_flip_rate")]
    [InlineData("ap-south:tool_loop_rate=0.1", "cannot be degraded on tool_loop_rate")]
    [InlineData("ap-south:coverage=0.2", "more than 90 %")]
    public void Injections_real_arms_cannot_honour_are_named(string text, string reason)
    {
        var error = Assert.Single(DemoArms.Check([Inject(text)]));

        Assert.Equal("--inject", error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_json_targets_exactly_the_green_build_the_demo_runs()
    {
        var build = new RagArm(ArmOptions.ForGreen()).Info;

        var differences = ManifestDiff.Compare(DemoManifests.GreenTarget("rag-api", build), DemoCampaign.Read().Target);

        Assert.Empty(differences);
        Assert.Empty(Coordinator.Domain.ManifestValidator.Validate(DemoManifests.Blue("rag-api", "eu-west", new RagArm(ArmOptions.ForBlue()).Info, new Uri("http://127.0.0.1:5000/"))));
    }

    [Fact]
    public void Demo_json_carries_the_demo_gold_subset_item_for_item_from_the_shipped_gold_set()
    {
        var spec = DemoCampaign.Read();

        // The console read warm.gold_set beside the spec (the build's copy) and carries its text.
        var warm = spec.Warm!;
        var demo = GoldSet.Parse(warm.GoldSetContent);
        var shipped = GoldSet.Parse(File.ReadAllText(Path.Combine(RepoLayout.Root, "infra", "gold", "ops-handbook.v1.gold.jsonl")));
        Assert.Equal(GoldSet.Parse(File.ReadAllText(Path.Combine(RepoLayout.Root, "infra", "gold", "ops-handbook.v1.demo.gold.jsonl"))).Fingerprint, demo.Fingerprint);
        Assert.Equal(shipped.Corpus, demo.Corpus);
        Assert.All(demo.Items, item => Assert.Equivalent(shipped.Items.Single(i => i.Id == item.Id), item, strict: true));

        // Enough items for the gate it names, each from its own section, and λ judged on as many seeds as the gate wants.
        Assert.InRange(spec.Gate.MinSmokeItems, 1, demo.Items.Count);
        Assert.Equal(demo.Items.Count, demo.Items.Select(i => i.SectionId).Distinct().Count());
        Assert.True(warm.Seeds.Count >= spec.Gate.LambdaSeeds);
    }
}
