using System.Net;
using System.Text.Json;
using Coordinator.Notifications;

namespace Coordinator.ApiTests;

/// <summary>Webhooks over HTTP: set, read back without the secret or the URL's token, refuse bad input by path, remove.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookTests(ApiFixture fixture)
{
    private const string Secret = "s3cret-for-the-api-tests";
    private const string Token = "T0K3N-in-the-path";

    [Fact]
    public async Task A_webhook_is_set_by_an_operator_and_read_back_by_anyone_without_its_secret_or_url()
    {
        var service = fixture.NewService("hooks");
        using var operatorClient = fixture.As("olga");
        var url = $"https://hooks.example.com/services/{Token}";

        var set = await operatorClient.PutAsync($"api/v1/services/{service}/webhooks/ops",
            ApiFixture.Json($$"""{"url":"{{url}}","secret":"{{Secret}}","events":["gate_failed","rolled_back"],"format":"slack"}"""));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var setText = await set.Content.ReadAsStringAsync();

        using var reader = fixture.As("rita");
        var list = await reader.GetAsync($"api/v1/services/{service}/webhooks");
        var listText = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);

        foreach (var text in new[] { setText, listText })
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        }

        var hook = Assert.Single(JsonDocument.Parse(listText).RootElement.EnumerateArray());
        Assert.Equal("ops", hook.GetProperty("name").GetString());
        Assert.Equal("https://hooks.example.com", hook.GetProperty("endpoint").GetString());
        Assert.Equal(WebhookDirectoryRules.Fingerprint(url), hook.GetProperty("url_fingerprint").GetString());
        Assert.Equal(["gate_failed", "rolled_back"], hook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("slack", hook.GetProperty("format").GetString());
        Assert.True(hook.GetProperty("secret_set").GetBoolean());
        Assert.Equal("olga", hook.GetProperty("updated_by").GetString());
        Assert.Equal(0, hook.GetProperty("delivery").GetProperty("pending").GetInt32());

        // Changing it without a secret keeps the secret (the stored target still signs with it).
        var changed = await operatorClient.PutAsync($"api/v1/services/{service}/webhooks/ops", ApiFixture.Json("""{"url":"https://other.example.com/hook"}"""));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var target = await fixture.Grains.GetGrain<IWebhookDirectoryGrain>(service).GetTargetAsync("ops");
        Assert.Equal((Secret, "https://other.example.com/hook"), (target!.Secret, target.Url));
        Assert.Equal(NotificationKinds.All, target.Events);
    }

    public static TheoryData<string, string[]> BadBodies => new()
    {
        { """{"url":"ftp://x.example.com/h","secret":"short","events":["started","flipped"],"format":"teams"}""", ["$.url", "$.secret", "$.events[1]", "$.format"] },
        { """{"secret":"0123456789abcdef"}""", ["$.url"] },
        { """{"url":"https://user:pw@x.example.com/h","secret":"0123456789abcdef","events":[]}""", ["$.url", "$.events"] },
        { """{"url":"https://x.example.com/h","secret":"0123456789abcdef","events":"started"}""", ["$.events"] },
        { """{"url":"https://x.example.com/h","secret":"0123456789abcdef","colour":"red"}""", ["$.colour"] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_webhook_is_400_naming_every_field_and_changes_nothing(string body, string[] paths)
    {
        var service = fixture.NewService("bad-hooks");
        using var client = fixture.As("olga");
        var good = await client.PutAsync($"api/v1/services/{service}/webhooks/ops",
            ApiFixture.Json($$"""{"url":"https://hooks.example.com/a","secret":"{{Secret}}","events":["completed"]}"""));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var before = await fixture.Grains.GetGrain<IWebhookDirectoryGrain>(service).GetTargetAsync("ops");

        var changing = await client.PutAsync($"api/v1/services/{service}/webhooks/ops", ApiFixture.Json(body));
        var creating = await client.PutAsync($"api/v1/services/{service}/webhooks/pager", ApiFixture.Json(body));

        Assert.Equal(paths, Problems.Paths(await Problems.AssertAsync(changing, HttpStatusCode.BadRequest, "invalid-input")));
        Assert.Equal(paths, Problems.Paths(await Problems.AssertAsync(creating, HttpStatusCode.BadRequest, "invalid-input")));
        Assert.Equal(before, await fixture.Grains.GetGrain<IWebhookDirectoryGrain>(service).GetTargetAsync("ops"));
        Assert.Null(await fixture.Grains.GetGrain<IWebhookDirectoryGrain>(service).GetTargetAsync("pager"));
        Assert.DoesNotContain("short", await changing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_webhook_without_a_secret_is_refused_by_path()
    {
        var service = fixture.NewService("no-secret");
        using var client = fixture.As("olga");

        var response = await client.PutAsync($"api/v1/services/{service}/webhooks/ops", ApiFixture.Json("""{"url":"https://hooks.example.com/a"}"""));

        Assert.Equal(["$.secret"], Problems.Paths(await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input")));
        Assert.Empty(await fixture.Grains.GetGrain<IWebhookDirectoryGrain>(service).ListAsync());
    }

    [Fact]
    public async Task Only_operators_set_or_remove_webhooks_and_a_missing_one_is_404()
    {
        var service = fixture.NewService("hook-roles");
        var body = ApiFixture.Json($$"""{"url":"https://hooks.example.com/a","secret":"{{Secret}}"}""");
        using var reader = fixture.As("rita");
        using var writer = fixture.As("wes");
        using var operatorClient = fixture.As("olga");

        await Problems.AssertAsync(await reader.PutAsync($"api/v1/services/{service}/webhooks/ops", body), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await writer.PutAsync($"api/v1/services/{service}/webhooks/ops", body), HttpStatusCode.Forbidden, "forbidden");
        Assert.Empty(await fixture.Grains.GetGrain<IWebhookDirectoryGrain>(service).ListAsync());

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PutAsync($"api/v1/services/{service}/webhooks/ops", body)).StatusCode);
        await Problems.AssertAsync(await reader.DeleteAsync($"api/v1/services/{service}/webhooks/ops"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.NoContent, (await operatorClient.DeleteAsync($"api/v1/services/{service}/webhooks/ops")).StatusCode);
        await Problems.AssertAsync(await operatorClient.DeleteAsync($"api/v1/services/{service}/webhooks/ops"), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await reader.GetAsync($"api/v1/services/{service}/webhooks/ops"), HttpStatusCode.NotFound, "not-found");
    }
}
