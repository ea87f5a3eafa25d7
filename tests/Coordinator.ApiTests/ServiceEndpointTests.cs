using System.Net;
using System.Net.Http.Headers;

namespace Coordinator.ApiTests;

/// <summary>The fleet list and whoami: what a dashboard reads first.</summary>
[Collection(ApiCollection.Name)]
public sealed class ServiceEndpointTests(ApiFixture fixture)
{
    [Fact]
    public async Task Services_lists_each_service_with_an_arm_and_its_regions_in_name_order_and_not_one_with_only_telemetry()
    {
        var first = fixture.NewService("fleet-b");
        var second = fixture.NewService("fleet-a");
        var telemetryOnly = fixture.NewService("fleet-t");
        await fixture.RegisterBothAsync(first, "us-east");
        await fixture.RegisterBothAsync(first, "eu-west");
        await fixture.RegisterBothAsync(second, "ap-south");
        using var writer = fixture.As("wes");
        var now = DateTimeOffset.UtcNow;
        var telemetry = await writer.PostAsync($"api/v1/services/{telemetryOnly}/regions/eu-west/telemetry/green", ApiFixture.Json(new
        {
            from = now.AddSeconds(-5).ToString("O"),
            to = now.ToString("O"),
            versions = new { index_hash = "idx-green", embed_schema = "e", rerank_conf = "r", prompt_ver = "p", model_ver = "m" },
            request_count = 1,
            error_count = 0,
            latency = new { offset = 10, counts = new[] { 1 } },
        }));
        Assert.True(telemetry.StatusCode == HttpStatusCode.Accepted, await telemetry.Content.ReadAsStringAsync());
        using var reader = fixture.As("rita");

        var response = await reader.GetAsync("api/v1/services");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = (await ApiFixture.ReadJsonAsync(response)).EnumerateArray()
            .Select(s => (Service: s.GetProperty("service").GetString()!, Regions: s.GetProperty("regions").EnumerateArray().Select(r => r.GetString()!).ToList()))
            .ToList();
        var names = listed.Select(s => s.Service).ToList();
        Assert.Equal([.. names.Order(StringComparer.Ordinal)], names);
        Assert.Equal(["eu-west", "us-east"], listed.Single(s => s.Service == first).Regions);
        Assert.Equal(["ap-south"], listed.Single(s => s.Service == second).Regions);
        Assert.DoesNotContain(telemetryOnly, names);
    }

    [Theory]
    [InlineData("rita", "reader")]
    [InlineData("olga", "operator")]
    [InlineData("otto", "operator,approver")]
    public async Task Whoami_names_the_tokens_principal_and_its_roles(string principal, string roles)
    {
        using var client = fixture.As(principal);

        var body = await ApiFixture.ReadJsonAsync(await client.GetAsync("api/v1/whoami"));

        Assert.Equal(principal, body.GetProperty("principal").GetString());
        Assert.Equal(roles.Split(','), body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("tokens", body.GetProperty("authentication").GetString());
    }

    [Fact]
    public async Task Whoami_without_a_token_or_with_an_unknown_one_is_401()
    {
        using var anonymous = fixture.As(null);
        using var unknown = fixture.As(null);
        unknown.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "token-nobody");

        await Problems.AssertAsync(await anonymous.GetAsync("api/v1/whoami"), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(await unknown.GetAsync("api/v1/whoami"), HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
