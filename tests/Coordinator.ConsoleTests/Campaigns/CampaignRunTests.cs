using System.Text.Json;
using Coordinator.Campaigns;
using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Campaigns;

/// <summary>Campaigns through the console against the embedded silo; the test plays the evaluator.</summary>
public sealed class CampaignRunTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    private const string Region = "eu-west";
    private static readonly TimeSpan WatchDeadline = TimeSpan.FromSeconds(60);

    private ICutoverGrain Cutover(string service) => Cluster.Client.GetGrain<ICutoverGrain>(service);

    private Task<CampaignStatus> WaitForWarmGreenAsync(string service, string campaignId) =>
        Poll.UntilAsync(
            async () => (await Cutover(service).GetStatusAsync(campaignId))!,
            s => s.Regions.Single().Step == ChecklistStep.WarmGreen,
            $"{campaignId} to reach warm-green",
            ConsoleDeadlines.Poll);

    private Task<ConsoleRun> WatchAsync(params string[] args) =>
        Cluster.RunAsync(["campaign", "watch", .. args]).WaitAsync(WatchDeadline);

    [Fact]
    public async Task Start_then_a_passing_smoke_report_completes_and_watch_json_exits_0_with_the_region_on_green()
    {
        var service = Cluster.NewService("cmp");
        await RegisterBothAsync(service, Region);
        var spec = Cluster.WriteFile(TestCampaigns.Spec(service, "go-green", Region).ToJsonString());

        var plan = await Cluster.RunAsync("campaign", "plan", spec);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("every region is registered", plan.Output);

        var start = await Cluster.RunAsync("campaign", "start", spec, "--json");
        Assert.True(start.ExitCode == 0, start.ToString());
        using (var started = JsonDocument.Parse(start.Output))
        {
            Assert.Equal("go-green", started.RootElement.GetProperty("campaign_id").GetString());
            Assert.Equal("running", started.RootElement.GetProperty("state").GetString());
        }

        await WaitForWarmGreenAsync(service, "go-green");
        await Cutover(service).SubmitSmokeReportAsync("go-green", TestCampaigns.PassingSmoke(service, Region));

        var watch = await WatchAsync(service, "go-green", "--json");

        Assert.True(watch.ExitCode == 0, watch.ToString());
        using var final = JsonDocument.Parse(watch.Output);
        Assert.Equal("completed", final.RootElement.GetProperty("state").GetString());
        var region = final.RootElement.GetProperty("regions")[0];
        Assert.Equal("done", region.GetProperty("outcome").GetString());
        Assert.Equal(1, region.GetProperty("flipped_epoch").GetInt64());
        Assert.Equal("pass", region.GetProperty("warm").GetProperty("verdict").GetString());
        var view = await Cluster.ViewAsync(service, Region);
        Assert.Equal((Arm.Green, 1L), (view.ActiveArm, view.Epoch));

        var status = await Cluster.RunAsync("campaign", "status", service, "go-green");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("completed", status.Output);
        Assert.Contains("coverage", status.Output);
    }

    [Fact]
    public async Task A_second_campaign_is_refused_naming_the_running_one_and_abort_makes_watch_exit_6()
    {
        var service = Cluster.NewService("cmp");
        await RegisterBothAsync(service, Region);
        var first = Cluster.WriteFile(TestCampaigns.Spec(service, "first", Region).ToJsonString());
        var second = Cluster.WriteFile(TestCampaigns.Spec(service, "second", Region).ToJsonString());

        var start = await Cluster.RunAsync("campaign", "start", first);
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("started campaign first", start.Output);
        await WaitForWarmGreenAsync(service, "first");

        var replay = await Cluster.RunAsync("campaign", "start", first);
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("already started", replay.Output);

        var refused = await Cluster.RunAsync("campaign", "start", second);
        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Contains("'first'", refused.Errors);
        Assert.Null(await Cutover(service).GetStatusAsync("second"));

        var abort = await Cluster.RunAsync("campaign", "abort", service, "first", "--reason", "changed our minds", "--operator", "tester");
        Assert.True(abort.ExitCode == 0, abort.ToString());

        var watch = await WatchAsync(service, "first");

        Assert.True(watch.ExitCode == 6, watch.ToString());
        Assert.Contains("rolled-back", watch.Output);
        Assert.Contains("aborted by tester: changed our minds", watch.Output);
        Assert.Equal(Arm.Blue, (await Cluster.ViewAsync(service, Region)).ActiveArm);
    }

    [Fact]
    public async Task Start_watch_exits_7_when_the_next_wave_waits_for_approval_and_approve_lets_it_go_on()
    {
        var service = Cluster.NewService("cmp");
        await RegisterBothAsync(service, Region);
        await RegisterBothAsync(service, "us-east");
        var spec = TestCampaigns.Spec(service, "manual", Region);
        spec["waves"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["regions"] = new System.Text.Json.Nodes.JsonArray("us-east") });
        spec["approval"] = new System.Text.Json.Nodes.JsonObject { ["mode"] = "manual" };

        var watching = Cluster.RunAsync("campaign", "start", Cluster.WriteFile(spec.ToJsonString()), "--watch").WaitAsync(WatchDeadline);
        await Poll.UntilAsync(
            async () => await Cutover(service).GetStatusAsync("manual"),
            s => s?.Regions[0].Step == ChecklistStep.WarmGreen,
            "manual to reach warm-green in its first wave",
            ConsoleDeadlines.Poll);
        await Cutover(service).SubmitSmokeReportAsync("manual", TestCampaigns.PassingSmoke(service, Region));
        var watch = await watching;

        Assert.True(watch.ExitCode == 7, watch.ToString());
        Assert.Contains("waiting-for-approval", watch.Output);

        // What happened after the watch began came as events, one line each, in order.
        var flipped = watch.Output.IndexOf($"{Region}: flip done: flipped to Green at epoch 1", StringComparison.Ordinal);
        var warm = watch.Output.IndexOf($"{Region}: warm gate passed", StringComparison.Ordinal);
        var waiting = watch.Output.IndexOf("campaign manual: wave 1 done; approve to start wave 2", StringComparison.Ordinal);
        Assert.True(warm >= 0 && flipped > warm && waiting > flipped, "expected warm gate, flip and wait events in that order in:\n" + watch.Output);

        var approve = await Cluster.RunAsync("campaign", "approve", service, "manual", "--reason", "canary clean", "--approver", "bob");
        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.Contains("approved by bob", approve.Output);
        var status = await Cutover(service).GetStatusAsync("manual");
        Assert.Equal(1, status!.CurrentWave);
    }

    [Fact]
    public async Task Pause_resume_and_a_later_rollback_of_a_completed_campaign_bring_the_region_back_to_blue()
    {
        var service = Cluster.NewService("cmp");
        await RegisterBothAsync(service, Region);
        var spec = Cluster.WriteFile(TestCampaigns.Spec(service, "round-trip", Region).ToJsonString());
        Assert.Equal(0, (await Cluster.RunAsync("campaign", "start", spec)).ExitCode);

        var pause = await Cluster.RunAsync("campaign", "pause", service, "round-trip", "--reason", "checking", "--operator", "tester");
        Assert.True(pause.ExitCode == 0, pause.ToString());
        Assert.Contains("paused", pause.Output);
        var resume = await Cluster.RunAsync("campaign", "resume", service, "round-trip", "--reason", "fine", "--operator", "tester");
        Assert.True(resume.ExitCode == 0, resume.ToString());

        await WaitForWarmGreenAsync(service, "round-trip");
        await Cutover(service).SubmitSmokeReportAsync("round-trip", TestCampaigns.PassingSmoke(service, Region));
        Assert.Equal(0, (await WatchAsync(service, "round-trip")).ExitCode);

        var rollback = await Cluster.RunAsync("campaign", "rollback", service, "round-trip", "--reason", "customer reports", "--operator", "tester");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        var watch = await WatchAsync(service, "round-trip");
        Assert.True(watch.ExitCode == 6, watch.ToString());
        var view = await Cluster.ViewAsync(service, Region);
        Assert.Equal((Arm.Blue, 2L), (view.ActiveArm, view.Epoch));

        var refused = await Cluster.RunAsync("campaign", "resume", service, "round-trip", "--reason", "again", "--operator", "tester");
        Assert.True(refused.ExitCode == 3, refused.ToString());

        var list = await Cluster.RunAsync("campaign", "list", service, "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        using var listed = JsonDocument.Parse(list.Output);
        var only = Assert.Single(listed.RootElement.EnumerateArray());
        Assert.Equal("round-trip", only.GetProperty("campaign_id").GetString());
        Assert.Equal("rolled_back", only.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Watch_of_an_unknown_campaign_is_invalid_input()
    {
        var run = await Cluster.RunAsync("campaign", "watch", Cluster.NewService("none"), "nope");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'nope' is not a campaign", run.Errors);
    }
}
