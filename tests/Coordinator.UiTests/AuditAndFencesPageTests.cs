using System.Net;
using Xunit.Abstractions;

namespace Coordinator.UiTests;

/// <summary>The audit and fences pages in a real browser, over what the API recorded.</summary>
[Collection(UiCollection.Name)]
public sealed class AuditAndFencesPageTests(UiFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_audit_page_shows_the_pointers_chain_verified_and_the_fences_page_a_leases_holder_and_token_and_a_consumer_group()
    {
        var service = fixture.NewService("c-fences");
        await CampaignSetup.RegisterBothAsync(fixture, service, "eu-west");
        using var operatorClient = fixture.Api("olga");
        using var writer = fixture.Api("wes");
        await OkAsync(await operatorClient.PostAsync($"api/v1/services/{service}/regions/eu-west/flip", UiFixture.Json(new { to = "green", reason = "audit page test" })));
        await OkAsync(await writer.PostAsync($"api/v1/services/{service}/regions/eu-west/leases/indexer/acquire", UiFixture.Json(new { holder_id = "indexer-7", ttl_seconds = 300 })));
        await OkAsync(await operatorClient.PutAsync($"api/v1/services/{service}/regions/eu-west/consumers/webhooks", UiFixture.Json(new { consumer_ver = "cv-blue", partitions = 2 })));

        await using var browser = await fixture.OpenAsync("rita", $"#/audit/{service}/eu-west");
        var page = browser.Pages[0];
        var valid = await Poll.UntilAsync(() => page.EvaluateAsync<string>("() => document.querySelector('.verification')?.dataset.valid ?? ''"), v => v != "", "the audit page to show the verification");
        Assert.Equal("true", valid);
        var commands = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('table.audit tbody tr td:nth-child(4)')].map(td => td.textContent)");
        Assert.Equal(["flip", "register-arm", "register-arm"], commands);
        output.WriteLine(await UiFixture.ScreenshotAsync(page, "audit-pointer-chain"));

        await page.EvaluateAsync("hash => { location.hash = hash; }", $"#/fences/{service}/eu-west");
        var lease = await Poll.UntilAsync(() => UiFixture.TextAsync(page, "tr[data-writer='indexer']"), t => t is not null, "the fences page to list the indexer's lease");
        Assert.Contains("indexer-7", lease, StringComparison.Ordinal);
        Assert.Contains("not frozen", lease, StringComparison.Ordinal);
        Assert.Equal("1", await page.EvaluateAsync<string>("() => document.querySelector(\"tr[data-writer='indexer'] td:nth-child(3)\").firstChild.textContent"));
        var group = await UiFixture.TextAsync(page, "tr[data-group='webhooks']");
        Assert.Contains("cv-blue", group, StringComparison.Ordinal);
        Assert.Contains("p0: 0", group, StringComparison.Ordinal);
        Assert.Contains("p1: 0", group, StringComparison.Ordinal);
        output.WriteLine(await UiFixture.ScreenshotAsync(page, "fences-lease-and-consumer-group"));
    }

    private static async Task OkAsync(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}
