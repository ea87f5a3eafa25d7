using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Coordinator.ApiTests;

[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Every_mapped_api_endpoint_is_in_the_openapi_document()
    {
        using var client = fixture.As(null);

        var response = await client.GetAsync("openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        var mapped = fixture.Silo.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true && !e.RoutePattern.RawText.Contains("**", StringComparison.Ordinal))
            .Select(e => (Path: e.RoutePattern.RawText!, Method: e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant()))
            .ToList();

        Assert.True(mapped.Count >= 5, $"only {mapped.Count} endpoints found under /api/v1");
        Assert.All(mapped, endpoint =>
        {
            Assert.True(paths.TryGetProperty(endpoint.Path, out var item), $"{endpoint.Path} is missing from the OpenAPI document");
            Assert.True(item.TryGetProperty(endpoint.Method, out _), $"{endpoint.Method.ToUpperInvariant()} {endpoint.Path} is missing from the OpenAPI document");
        });
    }

    [Fact]
    public async Task The_document_describes_the_flip_its_preconditions_and_the_bearer_scheme()
    {
        using var client = fixture.As(null);

        var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json")).RootElement;

        var flip = document.GetProperty("paths").GetProperty("/api/v1/services/{service}/regions/{region}/flip").GetProperty("post");
        var responses = flip.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Contains("412", responses);
        Assert.Contains("409", responses);
        Assert.Contains("423", responses);
        Assert.True(flip.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Request_examples_name_only_their_schemas_keys_and_the_flip_example_is_accepted_as_sent()
    {
        using var client = fixture.As(null);
        var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json")).RootElement;
        var components = document.GetProperty("components");

        var examples = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.TryGetProperty("requestBody", out var body)
                    || !body.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out var example))
                {
                    continue;
                }

                examples++;
                var schema = body.GetProperty("content").GetProperty("application/json").GetProperty("schema");
                if (schema.TryGetProperty("$ref", out var reference))
                {
                    schema = components.GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
                }

                var properties = schema.GetProperty("properties");
                Assert.All(example.EnumerateObject(), key => Assert.True(
                    properties.TryGetProperty(key.Name, out _), $"{operation.Name.ToUpperInvariant()} {path.Name}: example key '{key.Name}' is not in its schema"));
            }
        }

        Assert.True(examples >= 10, $"only {examples} request bodies carry an example");
        var flipExample = document.GetProperty("paths").GetProperty("/api/v1/services/{service}/regions/{region}/flip").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();
        var service = fixture.NewService("example");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var operatorClient = fixture.As("olga");
        var flipped = await operatorClient.SendAsync(FlipTests.FlipRequest(service, flipExample, ifMatch: "\"0\""));
        Assert.Equal(HttpStatusCode.OK, flipped.StatusCode);
    }

    [Fact]
    public async Task The_reference_page_is_served_with_its_assets_from_the_silo()
    {
        using var client = fixture.As(null);

        var page = await client.GetStringAsync("api/reference");

        Assert.Contains("openapi/v1.json", page, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr.net", page, StringComparison.Ordinal);
    }
}
