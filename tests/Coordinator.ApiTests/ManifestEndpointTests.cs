using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coordinator.ApiTests;

/// <summary>Arms' endpoints over HTTP: registered from the body, carried in every response with a manifest, bad ones refused by path.</summary>
[Collection(ApiCollection.Name)]
public sealed class ManifestEndpointTests(ApiFixture fixture)
{
    private static string WithEndpoints(string indexHash, JsonObject endpoints)
    {
        var manifest = JsonNode.Parse(Manifests.Json(indexHash))!.AsObject();
        manifest["endpoints"] = endpoints;
        return manifest.ToJsonString();
    }

    private static JsonObject Endpoint(string url, string? healthPath = null) =>
        healthPath is null ? new JsonObject { ["url"] = url } : new JsonObject { ["url"] = url, ["health_path"] = healthPath };

    [Fact]
    public async Task Registered_endpoints_come_back_in_the_register_answer_the_active_arm_and_the_regions()
    {
        var service = fixture.NewService("endpoints");
        using var client = fixture.As("olga");
        var body = WithEndpoints("idx-blue", new JsonObject
        {
            ["eu-west"] = Endpoint("http://127.0.0.1:5101", "/healthz"),
            ["us-east"] = Endpoint("https://blue.us-east.example.com"),
        });

        var registered = await client.PutAsync($"api/v1/services/{service}/regions/eu-west/arms/blue", ApiFixture.Json(body));
        var active = await ApiFixture.ReadJsonAsync(await client.GetAsync($"api/v1/services/{service}/regions/eu-west/active"));
        var regions = await ApiFixture.ReadJsonAsync(await client.GetAsync($"api/v1/services/{service}/regions"));

        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var answer = (await ApiFixture.ReadJsonAsync(registered)).GetProperty("region").GetProperty("blue").GetProperty("endpoints");
        foreach (var endpoints in new[] { answer, active.GetProperty("manifest").GetProperty("endpoints"), regions[0].GetProperty("blue").GetProperty("endpoints") })
        {
            Assert.Equal("http://127.0.0.1:5101", endpoints.GetProperty("eu-west").GetProperty("url").GetString());
            Assert.Equal("/healthz", endpoints.GetProperty("eu-west").GetProperty("health_path").GetString());
            Assert.Equal("https://blue.us-east.example.com", endpoints.GetProperty("us-east").GetProperty("url").GetString());
            Assert.False(endpoints.GetProperty("us-east").TryGetProperty("health_path", out _), "a left-out health path is left out of the answer too");
        }

        var stored = (await fixture.Pointer(service, "eu-west").GetActiveArmAsync()).Blue!;
        Assert.Equal(new ArmEndpoint("http://127.0.0.1:5101", "/healthz"), stored.Endpoints["eu-west"]);
    }

    [Fact]
    public async Task A_manifest_without_endpoints_answers_an_empty_map_and_registering_it_again_is_unchanged()
    {
        var service = fixture.NewService("no-endpoints");
        using var client = fixture.As("olga");

        var first = await client.PutAsync($"api/v1/services/{service}/regions/eu-west/arms/blue", ApiFixture.Json(Manifests.Json("idx-blue")));
        var again = await ApiFixture.ReadJsonAsync(
            await client.PutAsync($"api/v1/services/{service}/regions/eu-west/arms/blue", ApiFixture.Json(Manifests.Json("idx-blue"))));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Empty((await ApiFixture.ReadJsonAsync(first)).GetProperty("region").GetProperty("blue").GetProperty("endpoints").EnumerateObject());
        Assert.False(again.GetProperty("changed").GetBoolean());
    }

    [Fact]
    public async Task Bad_endpoints_are_400_naming_each_path_without_echoing_credentials_and_register_nothing()
    {
        var service = fixture.NewService("bad-endpoints");
        using var client = fixture.As("olga");
        var body = WithEndpoints("idx-blue", new JsonObject
        {
            ["eu-west"] = Endpoint("http://deploy:hunter2@10.0.0.5:8080", "healthz"),
            ["us-east"] = new JsonObject { ["url"] = "http://127.0.0.1:5201", ["weight"] = 5 },
            ["Mars"] = Endpoint("http://127.0.0.1:5301"),
        });

        var response = await client.PutAsync($"api/v1/services/{service}/regions/eu-west/arms/blue", ApiFixture.Json(body));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input");
        Assert.Equal(
            ["$.endpoints.Mars", "$.endpoints.eu-west.health_path", "$.endpoints.eu-west.url", "$.endpoints.us-east.weight"],
            Problems.Paths(problem).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("hunter2", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Null((await fixture.Pointer(service, "eu-west").GetActiveArmAsync()).Blue);
    }

    [Fact]
    public async Task The_register_arm_example_names_endpoints_and_is_accepted_as_sent()
    {
        using var client = fixture.As(null);
        var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json")).RootElement;
        var example = document.GetProperty("paths").GetProperty("/api/v1/services/{service}/regions/{region}/arms/{arm}").GetProperty("put")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        var service = fixture.NewService("arm-example");
        using var operatorClient = fixture.As("olga");

        var response = await operatorClient.PutAsync($"api/v1/services/{service}/regions/eu-west/arms/green", ApiFixture.Json(example.GetRawText()));

        Assert.True(example.TryGetProperty("endpoints", out var endpoints), "the example shows an endpoint");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var green = (await fixture.Pointer(service, "eu-west").GetActiveArmAsync()).Green!;
        Assert.Equal(endpoints.GetProperty("eu-west").GetProperty("url").GetString(), green.Endpoints["eu-west"].Url);
    }
}
