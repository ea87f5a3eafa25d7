using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Campaigns;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Coordinator.UiTests;

/// <summary>The campaign page's buttons in a real browser: approvals under the two-person rule, and abort.</summary>
[Collection(UiCollection.Name)]
public sealed class CampaignPageTests(UiFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_starters_approve_is_refused_naming_the_two_person_rule_and_another_approvers_click_moves_the_campaign_on()
    {
        var service = fixture.NewService("b-approve");
        await CampaignSetup.RegisterBothAsync(fixture, service, "eu-west", "us-east");
        var spec = CampaignSetup.Spec(service, "c1", holdSeconds: 0, ["eu-west"], ["us-east"]);
        spec["approval"] = new JsonObject { ["mode"] = "manual", ["require_distinct_approver"] = true };
        await CampaignSetup.StartAsync(fixture, "otto", spec);
        await CampaignSetup.PassWarmAsync(fixture, service, "c1", "eu-west");
        var cutover = fixture.Grains.GetGrain<ICutoverGrain>(service);
        await Poll.UntilAsync(() => cutover.GetStatusAsync("c1"), s => s?.State == CampaignState.WaitingForApproval, "c1 to wait for approval after its first wave");
        var page = $"#/campaign/{service}/c1";

        await using (var starter = await fixture.OpenAsync("otto", page))
        {
            await ClickWithReasonAsync(starter.Pages[0], "approve", "I started it and it looks fine");

            var refusal = await Poll.UntilAsync(() => UiFixture.TextAsync(starter.Pages[0], "#action-result .problem"), t => t is not null, "the page to show the API's refusal");
            Assert.Contains("two-person rule", refusal, StringComparison.Ordinal);
            Assert.Contains("approver", refusal, StringComparison.Ordinal);
            Assert.Contains("400", refusal, StringComparison.Ordinal);
            output.WriteLine(await UiFixture.ScreenshotAsync(starter.Pages[0], "campaign-approve-refused-two-person-rule"));
        }

        var unchanged = await cutover.GetStatusAsync("c1");
        Assert.Equal(CampaignState.WaitingForApproval, unchanged!.State);
        Assert.Empty(unchanged.Approvals);

        await using var approver = await fixture.OpenAsync("abe", page);
        await ClickWithReasonAsync(approver.Pages[0], "approve", "canary clean");

        await Poll.UntilAsync(() => UiFixture.TextAsync(approver.Pages[0], "#action-result .ok"), t => t is not null, "the page to confirm abe's approval");
        await Poll.UntilAsync(
            () => approver.Pages[0].EvaluateAsync<string>("() => document.querySelector('.wave[data-wave=\"1\"] h2')?.textContent ?? ''"),
            t => t.Contains("current", StringComparison.Ordinal),
            "the page to show the second wave as current");
        var status = await cutover.GetStatusAsync("c1");
        Assert.Equal(1, status!.CurrentWave);
        Assert.Equal(["abe: canary clean"], status.Approvals);
        Assert.Contains("abe: canary clean", await UiFixture.TextAsync(approver.Pages[0], ".summary"), StringComparison.Ordinal);
        output.WriteLine(await UiFixture.ScreenshotAsync(approver.Pages[0], "campaign-approved-by-second-approver"));
    }

    [Fact]
    public async Task Abort_from_the_page_during_the_hold_rolls_the_region_back_to_blue()
    {
        var service = fixture.NewService("b-abort");
        await CampaignSetup.RegisterBothAsync(fixture, service, "eu-west");
        var spec = CampaignSetup.Spec(service, "c1", holdSeconds: 600, ["eu-west"]);
        spec["gate"] = new JsonObject { ["min_window_requests"] = 20, ["min_quality_samples"] = 10 };
        await CampaignSetup.StartAsync(fixture, "olga", spec);

        // Blue's last minute is the baseline the hold compares Green with.
        await CampaignSetup.ReportTelemetryAsync(fixture, service, "eu-west", "blue", requests: 100, latencyMs: 110);
        await CampaignSetup.PassWarmAsync(fixture, service, "c1", "eu-west");
        var cutover = fixture.Grains.GetGrain<ICutoverGrain>(service);
        await Poll.UntilAsync(() => cutover.GetStatusAsync("c1"), s => s?.Regions[0].Step == ChecklistStep.HoldAndWatch, "eu-west to flip and start its hold");

        await using var browser = await fixture.OpenAsync("olga", $"#/campaign/{service}/c1");
        var page = browser.Pages[0];

        // Green's requests during the hold: a second, slower window after the first evaluation, so the charts move.
        await CampaignSetup.ReportTelemetryAsync(fixture, service, "eu-west", "green", requests: 60, latencyMs: 115);
        await Poll.UntilAsync(() => cutover.GetStatusAsync("c1"), s => s!.Regions[0].Hold.Any(CountsRequests), "a hold evaluation to count Green's requests");
        await CampaignSetup.ReportTelemetryAsync(fixture, service, "eu-west", "green", requests: 60, latencyMs: 125);
        await Poll.UntilAsync(() => cutover.GetStatusAsync("c1"), s => s!.Regions[0].Hold.Count(CountsRequests) >= 3, "three hold evaluations that counted Green's requests");
        await Poll.UntilAsync(
            () => page.EvaluateAsync<int>("() => document.querySelectorAll('.region[data-region=\"eu-west\"] svg.chart circle').length"),
            n => n >= 3 * 4,
            "the page to chart at least three hold evaluations for each of the four metrics");
        Assert.Equal(CampaignState.Running, (await cutover.GetStatusAsync("c1"))!.State);

        await ClickWithReasonAsync(page, "abort", "stop here, browser test");

        await Poll.UntilAsync(
            () => page.EvaluateAsync<string>("() => document.querySelector('.summary')?.dataset.state ?? ''"),
            s => s == "rolled_back",
            "the page to show the campaign rolled back");
        Assert.Equal("rolled_back", await page.EvaluateAsync<string>("() => document.querySelector('.region[data-region=\"eu-west\"]').dataset.outcome"));
        using var reader = fixture.Api("rita");
        var active = await reader.GetFromJsonAsync<JsonElement>($"api/v1/services/{service}/regions/eu-west/active");
        Assert.Equal("blue", active.GetProperty("arm").GetString());
        var status = await cutover.GetStatusAsync("c1");
        Assert.Equal(CampaignState.RolledBack, status!.State);
        Assert.Contains("olga", status.Reason, StringComparison.Ordinal);
        Assert.NotNull(await UiFixture.TextAsync(page, ".log li[data-kind='rolled_back']"));
        output.WriteLine(await UiFixture.ScreenshotAsync(page, "campaign-aborted-rolled-back"));
    }

    private static bool CountsRequests(GateResult gate) => gate.Metrics.Any(m => m.Metric == "requests" && m.Value > 0);

    /// <summary>Clicks the action's button once it is enabled, and confirms the reason dialog.</summary>
    private static async Task ClickWithReasonAsync(IPage page, string action, string reason)
    {
        var button = $"button[data-action='{action}']";
        await Poll.UntilAsync(() => page.EvaluateAsync<bool>("s => { const b = document.querySelector(s); return !!b && !b.disabled; }", button), enabled => enabled, $"the {action} button to be enabled");
        await page.ClickAsync(button);
        await page.FillAsync("#reason-text", reason);
        await page.ClickAsync("#reason-confirm");
    }
}
