using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Coordinator.UiTests;

/// <summary>The fleet page in a real browser: a flip made through the API reaches the open page by its event stream.</summary>
[Collection(UiCollection.Name)]
public sealed class FleetPageTests(UiFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_flip_made_through_the_api_shows_on_the_open_fleet_page_without_a_reload()
    {
        // The page follows the first services by name live (the rest are re-read every few seconds): "a-" keeps this one first.
        var service = fixture.NewService("a-fleet");
        await CampaignSetup.RegisterBothAsync(fixture, service, "eu-west", "us-east");
        await using var browser = await fixture.OpenAsync("rita", "#/fleet");
        var page = browser.Pages[0];
        var euWest = $"td.cell[data-service='{service}'][data-region='eu-west']";
        await Poll.UntilAsync(() => ArmAndEpochAsync(page, euWest), s => s == "blue 0", "the fleet page to show eu-west on blue at epoch 0");
        await Poll.UntilAsync(() => UiFixture.TextAsync(page, $"tr[data-service='{service}'] .live"), t => t == "live", $"the page to follow {service}'s event stream");
        await page.EvaluateAsync("() => { window.beforeTheFlip = true; }");

        using var operatorClient = fixture.Api("olga");
        var clock = Stopwatch.StartNew();
        var flip = await operatorClient.PostAsync($"api/v1/services/{service}/regions/eu-west/flip", UiFixture.Json(new { to = "green", reason = "browser test flip" }));
        Assert.True(flip.StatusCode == HttpStatusCode.OK, await flip.Content.ReadAsStringAsync());

        await Poll.UntilAsync(() => ArmAndEpochAsync(page, euWest), s => s == "green 1", "the open page to show eu-west on green at epoch 1", within: TimeSpan.FromSeconds(10));
        output.WriteLine($"flip answered and shown on the page after {clock.ElapsedMilliseconds} ms (a figure, not a test: the machine is shared)");
        Assert.True(await page.EvaluateAsync<bool>("() => window.beforeTheFlip === true"), "the page was reloaded: the flip must arrive without one");
        Assert.Contains("epoch 1", await UiFixture.TextAsync(page, euWest), StringComparison.Ordinal);
        Assert.Equal("blue 0", await ArmAndEpochAsync(page, $"td.cell[data-service='{service}'][data-region='us-east']"));
        output.WriteLine(await UiFixture.ScreenshotAsync(page, "fleet-after-flip"));
    }

    private static Task<string> ArmAndEpochAsync(Microsoft.Playwright.IPage page, string cell) =>
        page.EvaluateAsync<string>("s => { const td = document.querySelector(s); return td ? `${td.dataset.arm} ${td.dataset.epoch}` : 'missing'; }", cell);
}
