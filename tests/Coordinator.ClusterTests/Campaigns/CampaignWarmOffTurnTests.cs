using System.Collections.Immutable;
using Coordinator.Arms;
using Coordinator.Campaigns;
using Coordinator.TestKit;

namespace Coordinator.ClusterTests.Campaigns;

/// <summary>
/// The coordinator's Warm evaluation runs off the cutover grain's turn: an operator's abort or pause is answered
/// while the evaluation still calls a slow Green, and the evaluation's late report changes nothing. The
/// evaluator here finishes whatever it started (see <see cref="LateWarmClusterFixture"/>), so the late report is
/// real; the arm's own request counter shows the evaluation still running after the operator's call returned.
/// </summary>
[Collection(LateWarmCollection.Name)]
public sealed class CampaignWarmOffTurnTests(LateWarmClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>The shipped gold set's header and first 8 items: 8 × 3 paraphrases × 2 seeds = 48 calls, no warm-up.</summary>
    private static readonly string Gold = string.Join("\n",
        File.ReadAllLines(Path.Combine(RepoLayout.Root, "infra", "gold", "ops-handbook.v1.gold.jsonl")).Where(l => l.Trim().Length > 0).Take(9)) + "\n";

    private const int Calls = 8 * 3 * 2;

    /// <summary>Each answer waits this long in its reason stage: 48 calls, two at a time, take about 7 s.</summary>
    private const int SlowReasonMs = 300;

    [Fact]
    public async Task An_abort_during_a_slow_warm_evaluation_returns_before_it_ends_and_its_late_report_changes_nothing()
    {
        await using var green = await ArmServer.StartAsync(ArmOptions.ForGreen() with { ReasonDelayMs = SlowReasonMs });
        var (cutover, spec) = await StartAsync(green);
        await Poll.UntilAsync(() => Task.FromResult(green.Counts().Asks), asks => asks >= 1, "the evaluation's first answered call", Deadline);

        var aborted = await cutover.AbortAsync(spec.CampaignId, "alice", "wrong build");
        var asksWhenAbortReturned = green.Counts().Asks;

        // The abort did not wait for the evaluation: Green had answered only part of its calls.
        Assert.True(asksWhenAbortReturned < Calls, $"the abort returned after all {Calls} calls of the evaluation ({asksWhenAbortReturned} answered)");
        Assert.Contains(aborted.State, new[] { CampaignState.RollingBack, CampaignState.RolledBack });
        var rolledBack = await Poll.UntilAsync(() => cutover.GetStatusAsync(spec.CampaignId), s => s!.State == CampaignState.RolledBack, "the rollback", Deadline);

        // The evaluation went on calling Green after the abort returned, and finished with a real report...
        var run = Assert.Single(LateWarmClusterFixture.Runs(spec.Service));
        var late = await run.WaitAsync(Deadline);
        Assert.Equal(Calls, green.Counts().Asks);
        Assert.Equal(Calls, late.Evaluation.Calls);
        Assert.Equal(8, late.Report.Items.Count);

        // ...which changed nothing: the campaign is as the rollback left it, with no Warm verdict or evaluation.
        var after = (await cutover.GetStatusAsync(spec.CampaignId))!;
        Assert.Equal((CampaignState.RolledBack, rolledBack!.Version), (after.State, after.Version));
        var region = Assert.Single(after.Regions);
        Assert.Null(region.Warm);
        Assert.Null(region.WarmEvaluation);
        Assert.Null(region.FlippedEpoch);
        Assert.Contains("wrong build", after.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pause_during_a_slow_warm_evaluation_returns_before_it_ends_and_after_resume_a_new_run_decides()
    {
        await using var green = await ArmServer.StartAsync(ArmOptions.ForGreen() with { ReasonDelayMs = SlowReasonMs });
        var (cutover, spec) = await StartAsync(green);
        await Poll.UntilAsync(() => Task.FromResult(green.Counts().Asks), asks => asks >= 1, "the evaluation's first answered call", Deadline);

        var paused = await cutover.PauseAsync(spec.CampaignId, "alice", "incident elsewhere");
        var asksWhenPauseReturned = green.Counts().Asks;
        Assert.True(asksWhenPauseReturned < Calls, $"the pause returned after all {Calls} calls of the evaluation ({asksWhenPauseReturned} answered)");
        Assert.Equal(CampaignState.Paused, paused.State);

        // The first run finishes while the campaign is paused; its report is not judged.
        var first = await Assert.Single(LateWarmClusterFixture.Runs(spec.Service)).WaitAsync(Deadline);
        var stillPaused = (await cutover.GetStatusAsync(spec.CampaignId))!;
        Assert.Equal((CampaignState.Paused, paused.Version), (stillPaused.State, stillPaused.Version));
        Assert.Null(stillPaused.Regions[0].Warm);

        await cutover.ResumeAsync(spec.CampaignId, "alice", "incident over");
        var done = await Poll.UntilAsync(() => cutover.GetStatusAsync(spec.CampaignId), s => !s!.State.IsActive(), "the campaign to finish", Deadline);

        // Resumed, Warm Green asked for a new run, and that run's report is the one the gate judged.
        Assert.True(done!.State == CampaignState.Completed, $"{done.State}: {done.Reason}");
        var runs = LateWarmClusterFixture.Runs(spec.Service);
        Assert.Equal(2, runs.Count);
        var second = await runs[1];
        var saved = done.Regions[0].WarmEvaluation!;
        Assert.Equivalent(second.Evaluation, saved, strict: true);
        Assert.NotEqual(first.Evaluation.WallTime, saved.WallTime);
        Assert.Equal(2 * Calls, green.Counts().Asks);
    }

    private async Task<(ICutoverGrain, CampaignSpec)> StartAsync(ArmServer green)
    {
        var service = CampaignSamples.NewService();
        var pointer = CampaignSamples.Pointer(fixture.Client, service, "region-0");
        await pointer.RegisterArmAsync(Arm.Blue, Fixtures.Manifest("idx-blue"), "alice");
        await pointer.RegisterArmAsync(Arm.Green, Green(green.BaseUrl), "alice");
        var spec = CampaignSamples.Spec(service, "cmp-slow-warm", ["region-0"]) with
        {
            Target = Green(green.BaseUrl),
            Fences = FenceSpec.None,
            Gate = GateThresholds.Default with { MinSmokeItems = 5 },
            Warm = new WarmSpec { GoldSet = "ops-handbook.v1 (first 8 items)", GoldSetContent = Gold, Concurrency = 2, Warmup = 0 },
        };
        var cutover = fixture.Client.GetGrain<ICutoverGrain>(service);
        await cutover.StartAsync(spec);
        return (cutover, spec);
    }

    private static ArmManifest Green(Uri url) => Fixtures.Manifest("idx-green") with
    {
        Endpoints = ImmutableSortedDictionary<string, ArmEndpoint>.Empty.Add("region-0", new ArmEndpoint(url.ToString())),
    };
}
