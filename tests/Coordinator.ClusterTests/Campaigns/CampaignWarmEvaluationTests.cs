using System.Collections.Immutable;
using Coordinator.Arms;
using Coordinator.Campaigns;
using Coordinator.Evaluation.Embeddings;
using Coordinator.Evaluation.Gold;
using Coordinator.TestKit;

namespace Coordinator.ClusterTests.Campaigns;

/// <summary>
/// A spec that names a gold set: the coordinator runs the reference evaluator (real MiniLM) against Green's
/// real arm at Warm Green, with no evaluator outside, and judges its report with the same gate.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignWarmEvaluationTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>The shipped gold set's header and first 8 items: enough for the gate, quick on a shared machine.</summary>
    private static readonly string Gold = string.Join("\n",
        File.ReadAllLines(Path.Combine(RepoLayout.Root, "infra", "gold", "ops-handbook.v1.gold.jsonl")).Where(l => l.Trim().Length > 0).Take(9)) + "\n";

    [Fact]
    public async Task A_good_green_passes_warm_and_the_campaign_keeps_the_gold_fingerprint_and_embedder()
    {
        await using var green = await ArmServer.StartAsync(ArmOptions.ForGreen());
        var (cutover, spec) = await StartAsync(green);

        var status = await Poll.UntilAsync(() => cutover.GetStatusAsync(spec.CampaignId), s => s!.State.IsActive() is false,
            "the campaign to finish", Deadline);

        Assert.True(status!.State == CampaignState.Completed, $"{status.State}: {status.Reason}");
        var region = Assert.Single(status.Regions);
        Assert.Equal(GateVerdict.Pass, region.Warm!.Verdict);
        var evaluation = region.WarmEvaluation!;
        Assert.Equal(GoldSet.Parse(Gold).Fingerprint, evaluation.GoldSetFingerprint);
        Assert.Equal($"{MiniLmEmbeddingGenerator.ProviderName}/{MiniLmEmbeddingGenerator.ModelId}@{MiniLmEmbeddingGenerator.PackageVersion}", evaluation.Embedder);
        Assert.Equal(8 * 3 * 2, evaluation.Calls);
        Assert.Equal(0, evaluation.FailedCalls);
        Assert.Equal(8, evaluation.Summary.CompleteItems);
        Assert.StartsWith(green.BaseUrl.ToString().TrimEnd('/'), evaluation.AskUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_green_missing_half_its_index_fails_warm_on_measured_coverage_and_rolls_back()
    {
        await using var green = await ArmServer.StartAsync(ArmOptions.ForGreen() with { DropFraction = 0.5 });
        var (cutover, spec) = await StartAsync(green);

        var status = await Poll.UntilAsync(() => cutover.GetStatusAsync(spec.CampaignId), s => s!.State.IsActive() is false,
            "the campaign to roll back", Deadline);

        Assert.Equal(CampaignState.RolledBack, status!.State);
        var region = Assert.Single(status.Regions);
        Assert.Equal(GateVerdict.Fail, region.Warm!.Verdict);
        Assert.Null(region.FlippedEpoch);
        Assert.Contains("warm gate failed", status.Reason, StringComparison.Ordinal);
        Assert.True(region.WarmEvaluation!.Summary.CoverageMean < spec.Gate.MinCoverage,
            $"coverage {region.WarmEvaluation.Summary.CoverageMean} should fall below {spec.Gate.MinCoverage}");
    }

    [Fact]
    public async Task A_green_answering_5xx_gives_a_warm_gate_that_does_not_pass_with_the_reason()
    {
        await using var green = await ArmServer.StartAsync(ArmOptions.ForGreen() with { FaultFraction = 1.0, FaultStatus = 503 });
        var (cutover, spec) = await StartAsync(green);

        var status = await Poll.UntilAsync(() => cutover.GetStatusAsync(spec.CampaignId),
            s => s!.State is CampaignState.WaitingForApproval || !s.State.IsActive(), "the warm gate to judge the failed calls", Deadline);

        var region = Assert.Single(status!.Regions);
        Assert.NotEqual(GateVerdict.Pass, region.Warm!.Verdict);
        Assert.Null(region.FlippedEpoch);
        Assert.Equal(region.WarmEvaluation!.Calls, region.WarmEvaluation.FailedCalls);
        Assert.Contains("503", region.WarmEvaluation.FirstError, StringComparison.Ordinal);
        Assert.Contains("calls to Green failed", status.Reason, StringComparison.Ordinal);
        if (status.State == CampaignState.WaitingForApproval)
        {
            await cutover.AbortAsync(spec.CampaignId, "alice", "test over");
        }
    }

    [Fact]
    public async Task A_gold_set_that_does_not_parse_is_refused_at_start_with_the_field_and_nothing_starts()
    {
        var service = CampaignSamples.NewService();
        await Register(service, new Uri("http://127.0.0.1:9/"));
        var spec = Spec(service, new Uri("http://127.0.0.1:9/")) with
        {
            Warm = new WarmSpec { GoldSet = "bad.gold.jsonl", GoldSetContent = "{\"format\":\"coordinator.gold\"}\nnot json\n" },
        };
        var cutover = fixture.Client.GetGrain<ICutoverGrain>(service);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => cutover.StartAsync(spec));

        Assert.Contains(refused.Errors, e => e.Field == "$.warm.gold_set_content" && e.Reason.Contains("bad.gold.jsonl", StringComparison.Ordinal));
        Assert.Null(await cutover.GetStatusAsync(spec.CampaignId));
    }

    private async Task<(ICutoverGrain, CampaignSpec)> StartAsync(ArmServer green)
    {
        var service = CampaignSamples.NewService();
        await Register(service, green.BaseUrl);
        var spec = Spec(service, green.BaseUrl);
        var cutover = fixture.Client.GetGrain<ICutoverGrain>(service);
        await cutover.StartAsync(spec);
        return (cutover, spec);
    }

    private async Task Register(string service, Uri greenUrl)
    {
        var pointer = CampaignSamples.Pointer(fixture.Client, service, "region-0");
        await pointer.RegisterArmAsync(Arm.Blue, Fixtures.Manifest("idx-blue"), "alice");
        await pointer.RegisterArmAsync(Arm.Green, Green(greenUrl), "alice");
    }

    private static ArmManifest Green(Uri url) => Fixtures.Manifest("idx-green") with
    {
        Endpoints = ImmutableSortedDictionary<string, ArmEndpoint>.Empty.Add("region-0", new ArmEndpoint(url.ToString())),
    };

    private static CampaignSpec Spec(string service, Uri greenUrl) => CampaignSamples.Spec(service, "cmp-warm", ["region-0"]) with
    {
        Target = Green(greenUrl),
        Fences = FenceSpec.None,
        Gate = GateThresholds.Default with { MinSmokeItems = 5 },
        Warm = new WarmSpec { GoldSet = "ops-handbook.v1 (first 8 items)", GoldSetContent = Gold, Concurrency = 4, Warmup = 0 },
    };
}
