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
}
