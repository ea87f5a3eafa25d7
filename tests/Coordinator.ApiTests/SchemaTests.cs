using System.Net;
using System.Text.Json;
using Coordinator.Campaigns.Json;

namespace Coordinator.ApiTests;

/// <summary>The schemas shipped in infra/schemas/ are the generated ones, served by the API, and they refuse what the readers refuse.</summary>
[Collection(ApiCollection.Name)]
public sealed class SchemaTests(ApiFixture fixture)
{
    /// <summary>Set to 1 to rewrite the shipped files from the generator (then review and commit the diff).</summary>
    private const string RewriteVariable = "COORDINATOR_WRITE_SCHEMAS";

    public static TheoryData<string> Names => [.. DocumentSchemas.All.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void The_shipped_schema_is_the_generated_one(string name)
    {
        var path = Path.Combine(RepoLayout.Root, "infra", "schemas", name);
        var generated = DocumentSchemas.All[name]();
        if (Environment.GetEnvironmentVariable(RewriteVariable) == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run this test with {RewriteVariable}=1 to write it");
        Assert.True(File.ReadAllText(path) == generated, $"{path} differs from the generated schema; run this test with {RewriteVariable}=1 and commit the change");
    }

    [Fact]
    public async Task The_api_serves_each_schema_without_a_token_and_404_for_others()
    {
        using var client = fixture.As(null);

        var manifest = await client.GetAsync("api/v1/schemas/manifest.schema.json");
        var missing = await client.GetAsync("api/v1/schemas/other.json");

        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal(DocumentSchemas.All["manifest.schema.json"](), await manifest.Content.ReadAsStringAsync());
        await Problems.AssertAsync(missing, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public void The_schemas_refuse_unknown_keys_and_nulls_like_the_readers()
    {
        var spec = JsonDocument.Parse(DocumentSchemas.All["campaign-spec.schema.json"]()).RootElement;

        Assert.False(spec.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal("string", spec.GetProperty("properties").GetProperty("service").GetProperty("type").GetString());
        Assert.False(spec.GetProperty("properties").GetProperty("target").GetProperty("additionalProperties").GetBoolean());
        Assert.Equal("integer", spec.GetProperty("properties").GetProperty("version").GetProperty("type").GetString());
    }

    [Fact]
    public void Both_schemas_know_endpoints_and_refuse_unknown_keys_inside_one()
    {
        var manifest = JsonDocument.Parse(DocumentSchemas.All["manifest.schema.json"]()).RootElement.GetProperty("properties");
        var target = JsonDocument.Parse(DocumentSchemas.All["campaign-spec.schema.json"]()).RootElement
            .GetProperty("properties").GetProperty("target").GetProperty("properties");

        foreach (var properties in new[] { manifest, target })
        {
            var endpoint = properties.GetProperty("endpoints").GetProperty("additionalProperties");
            Assert.False(endpoint.GetProperty("additionalProperties").GetBoolean());
            Assert.Equal(["url", "health_path"], endpoint.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        }
    }
}
