using Coordinator.Console.Manifests;
using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Manifests;

/// <summary>The "endpoints" map in manifest files (the API reads request bodies with the same reader).</summary>
public sealed class ManifestEndpointReaderTests
{
    private static Dictionary<string, object?> Endpoint(string url, string? healthPath = null) =>
        healthPath is null ? new() { ["url"] = url } : new() { ["url"] = url, ["health_path"] = healthPath };

    private static (ArmManifest? Manifest, List<FieldError> Errors) Parse(Dictionary<string, object?> endpoints)
    {
        var errors = new List<FieldError>();
        var manifest = ManifestReader.Parse(TestManifests.Json(TestManifests.Green.With("endpoints", endpoints)), errors);
        return (manifest, errors);
    }

    [Fact]
    public void Endpoints_are_read_per_region_with_an_optional_health_path()
    {
        var (manifest, errors) = Parse(new()
        {
            ["eu-west"] = Endpoint("http://127.0.0.1:5101", "/healthz"),
            ["us-east"] = Endpoint("https://green.us-east.example.com"),
        });

        Assert.Empty(errors);
        Assert.Equal(new ArmEndpoint("http://127.0.0.1:5101", "/healthz"), manifest!.Endpoints["eu-west"]);
        Assert.Equal(new ArmEndpoint("https://green.us-east.example.com"), manifest.Endpoints["us-east"]);
        Assert.Contains("endpoints={eu-west=http://127.0.0.1:5101 health /healthz,us-east=https://green.us-east.example.com}", manifest.ToCanonicalString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_without_endpoints_reads_as_before()
    {
        var errors = new List<FieldError>();

        var manifest = ManifestReader.Parse(TestManifests.Json(TestManifests.Green), errors);

        Assert.Empty(errors);
        Assert.Empty(manifest!.Endpoints);
    }

    [Fact]
    public void Unknown_keys_wrong_types_and_bad_values_are_each_named_once_all_at_once()
    {
        var (manifest, errors) = Parse(new()
        {
            ["eu-west"] = new Dictionary<string, object?> { ["url"] = 5101, ["timeout"] = 3 },
            ["us-east"] = Endpoint("ftp://x.example.com", "healthz"),
            ["us-west"] = "http://127.0.0.1:5301",
            ["EU"] = Endpoint("http://127.0.0.1:5401"),
            ["ap-south"] = new Dictionary<string, object?> { ["url"] = "http://127.0.0.1:5501", ["health_path"] = null },
        });

        Assert.Null(manifest);
        Assert.Equal(
            ["endpoints.EU", "endpoints.ap-south.health_path", "endpoints.eu-west.timeout", "endpoints.eu-west.url", "endpoints.us-east.health_path", "endpoints.us-east.url", "endpoints.us-west"],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Contains("must be a string (got number)", errors.Single(e => e.Field == "endpoints.eu-west.url").Reason, StringComparison.Ordinal);
        Assert.Contains("not an endpoint field", errors.Single(e => e.Field == "endpoints.eu-west.timeout").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoints_that_are_not_an_object_are_one_error()
    {
        var errors = new List<FieldError>();

        var manifest = ManifestReader.Parse(TestManifests.Json(TestManifests.Green.With("endpoints", new[] { "http://127.0.0.1:5101" })), errors);

        Assert.Null(manifest);
        Assert.Equal("endpoints", Assert.Single(errors).Field);
    }

    [Fact]
    public void A_url_with_credentials_is_refused_without_echoing_them()
    {
        var (manifest, errors) = Parse(new() { ["eu-west"] = Endpoint("http://deploy:hunter2@10.0.0.5:8080") });

        Assert.Null(manifest);
        var error = Assert.Single(errors);
        Assert.Equal("endpoints.eu-west.url", error.Field);
        Assert.DoesNotContain("hunter2", error.Reason, StringComparison.Ordinal);
    }
}
