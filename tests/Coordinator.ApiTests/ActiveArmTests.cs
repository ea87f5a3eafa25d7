using System.Net;
using System.Net.Http.Headers;

namespace Coordinator.ApiTests;

[Collection(ApiCollection.Name)]
public sealed class ActiveArmTests(ApiFixture fixture)
{
    [Fact]
    public async Task Active_answers_arm_epoch_manifest_and_cache_key_with_the_epoch_as_etag()
    {
        var service = fixture.NewService("active");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("rita");

        var response = await client.GetAsync($"api/v1/services/{service}/regions/eu-west/active");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"0\"", response.Headers.ETag?.Tag);
        var body = await ApiFixture.ReadJsonAsync(response);
        Assert.Equal("blue", body.GetProperty("arm").GetString());
        Assert.Equal(0, body.GetProperty("epoch").GetInt64());
        Assert.Equal("idx-blue", body.GetProperty("manifest").GetProperty("index_hash").GetString());
        Assert.Equal($"{service}/eu-west/e0/idx-blue", body.GetProperty("cache_key").GetString());
    }

    [Fact]
    public async Task If_none_match_on_the_current_epoch_is_304_and_an_older_one_gets_the_region()
    {
        var service = fixture.NewService("etag");
        await fixture.RegisterBothAsync(service, "eu-west");
        await Flip(service, "eu-west", "green");
        using var client = fixture.As("rita");

        using var current = new HttpRequestMessage(HttpMethod.Get, $"api/v1/services/{service}/regions/eu-west/active");
        current.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"1\""));
        var notModified = await client.SendAsync(current);
        using var older = new HttpRequestMessage(HttpMethod.Get, $"api/v1/services/{service}/regions/eu-west/active");
        older.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0\""));
        var changed = await client.SendAsync(older);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("green", (await ApiFixture.ReadJsonAsync(changed)).GetProperty("arm").GetString());
    }

    [Fact]
    public async Task A_long_poll_returns_when_the_epoch_passes_the_one_given()
    {
        var service = fixture.NewService("wait");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("rita");

        var waiting = client.GetAsync($"api/v1/services/{service}/regions/eu-west/active?wait=25&after=0");
        await Flip(service, "eu-west", "green");
        var response = await waiting;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiFixture.ReadJsonAsync(response);
        Assert.Equal(1, body.GetProperty("epoch").GetInt64());
        Assert.Equal("green", body.GetProperty("arm").GetString());
    }

    [Fact]
    public async Task A_flip_made_outside_the_api_reaches_a_followed_region_and_never_goes_back()
    {
        var service = fixture.NewService("pushed");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("rita");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/v1/services/{service}/regions/eu-west/active")).StatusCode);

        // Through the grain, as the SDK or a campaign flips: the silo's view learns it from the flip notice.
        var waiting = client.GetAsync($"api/v1/services/{service}/regions/eu-west/active?wait=25&after=0");
        var flipped = await fixture.FlipByGrainAsync(service, "eu-west", Arm.Green, expectedEpoch: 0);
        var woken = await waiting;
        var epochs = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            epochs.Add((await ApiFixture.ReadJsonAsync(await client.GetAsync($"api/v1/services/{service}/regions/eu-west/active"))).GetProperty("epoch").GetInt64());
        }

        Assert.Equal(1, flipped.Epoch);
        Assert.Equal(1, (await ApiFixture.ReadJsonAsync(woken)).GetProperty("epoch").GetInt64());
        Assert.All(epochs, e => Assert.Equal(1, e));
    }

    [Fact]
    public async Task A_long_poll_that_times_out_answers_the_region_as_it_is()
    {
        var service = fixture.NewService("wait-out");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("rita");

        var response = await client.GetAsync($"api/v1/services/{service}/regions/eu-west/active?wait=1&after=0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await ApiFixture.ReadJsonAsync(response)).GetProperty("epoch").GetInt64());
    }

    [Fact]
    public async Task A_wait_past_the_limit_or_without_an_epoch_is_400_naming_the_parameter()
    {
        var service = fixture.NewService("wait-bad");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("rita");

        var tooLong = await Problems.AssertAsync(
            await client.GetAsync($"api/v1/services/{service}/regions/eu-west/active?wait=31&after=0"), HttpStatusCode.BadRequest, "invalid-input");
        var noEpoch = await Problems.AssertAsync(
            await client.GetAsync($"api/v1/services/{service}/regions/eu-west/active?wait=5"), HttpStatusCode.BadRequest, "invalid-input");

        Assert.Equal(["wait"], Problems.Paths(tooLong));
        Assert.Equal(["after"], Problems.Paths(noEpoch));
    }

    [Fact]
    public async Task A_region_without_arms_is_404()
    {
        using var client = fixture.As("rita");

        var response = await client.GetAsync($"api/v1/services/{fixture.NewService("none")}/regions/eu-west/active");

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Status_lists_every_registered_region_with_both_manifests()
    {
        var service = fixture.NewService("status");
        await fixture.RegisterBothAsync(service, "eu-west");
        await fixture.RegisterBothAsync(service, "us-east");
        using var client = fixture.As("rita");

        var body = await ApiFixture.ReadJsonAsync(await client.GetAsync($"api/v1/services/{service}/regions"));

        Assert.Equal(["eu-west", "us-east"], body.EnumerateArray().Select(r => r.GetProperty("region").GetString()).Order());
        Assert.All(body.EnumerateArray(), r => Assert.Equal("idx-green", r.GetProperty("green").GetProperty("index_hash").GetString()));
    }

    private async Task Flip(string service, string region, string to)
    {
        using var client = fixture.As("olga");
        var response = await client.PostAsync($"api/v1/services/{service}/regions/{region}/flip", ApiFixture.Json(new { to, reason = "test" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
