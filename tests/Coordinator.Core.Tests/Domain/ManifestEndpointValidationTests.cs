using System.Collections.Immutable;
using Coordinator.Domain;

namespace Coordinator.Core.Tests.Domain;

/// <summary>The endpoints map of a manifest: region keys, absolute http(s) URLs without credentials, health paths.</summary>
public sealed class ManifestEndpointValidationTests
{
    private static ArmManifest With(params (string Region, ArmEndpoint? Endpoint)[] endpoints) => Samples.Manifest() with
    {
        Endpoints = endpoints.ToImmutableSortedDictionary(e => e.Region, e => e.Endpoint!, StringComparer.Ordinal),
    };

    private static IReadOnlyList<FieldError> Validate(string url, string? healthPath = null) =>
        ManifestValidator.Validate(With(("eu-west", new ArmEndpoint(url, healthPath))));

    [Theory]
    [InlineData("http://127.0.0.1:5101", "/healthz")]
    [InlineData("https://rag-blue.eu-west.internal", null)]
    [InlineData("http://[::1]:8080/base/path", "/health/ready")]
    [InlineData("HTTP://Example.COM", "/")]
    public void Absolute_http_and_https_urls_with_or_without_a_health_path_are_valid(string url, string? healthPath) =>
        Assert.Empty(Validate(url, healthPath));

    [Fact]
    public void Sixty_four_regions_are_valid_and_sixty_five_are_too_many()
    {
        var endpoint = new ArmEndpoint("http://127.0.0.1:5101");
        var sixtyFour = Enumerable.Range(0, ManifestValidator.MaxEndpoints).Select(i => ($"r-{i}", (ArmEndpoint?)endpoint)).ToArray();

        Assert.Empty(ManifestValidator.Validate(With(sixtyFour)));
        var error = Assert.Single(ManifestValidator.Validate(With([.. sixtyFour, ("r-64", endpoint)])));
        Assert.Equal("endpoints", error.Field);
        Assert.Contains("65", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("   ", "is required")]
    [InlineData("127.0.0.1:5101", "absolute")]
    [InlineData("/relative/path", "absolute")]
    [InlineData("ftp://files.example.com", "absolute http")]
    [InlineData("file:///etc/passwd", "absolute http")]
    [InlineData("http:/one-slash.example.com", "absolute http")]
    [InlineData("http://host.example.com/a b", "whitespace")]
    [InlineData("http://host.example.com/?debug=1", "query")]
    [InlineData("http://host.example.com/#top", "fragment")]
    public void A_bad_url_is_named_by_its_path_with_the_reason(string url, string reason)
    {
        var error = Assert.Single(Validate(url));

        Assert.Equal("endpoints.eu-west.url", error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_url_is_refused_with_the_limit()
    {
        var error = Assert.Single(Validate("http://h.example.com/" + new string('a', ManifestValidator.MaxUrlLength)));

        Assert.Equal("endpoints.eu-west.url", error.Field);
        Assert.Contains(ManifestValidator.MaxUrlLength.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://admin:hunter2@10.0.0.5:8080")]
    [InlineData("https://token-s3cr3t@10.0.0.5")]
    [InlineData("http://admin:hunter2@10.0.0.5:8080/?x=hunter2")]
    public void A_url_with_credentials_is_refused_without_echoing_them(string url)
    {
        var error = Assert.Single(Validate(url));

        Assert.Equal("endpoints.eu-west.url", error.Field);
        Assert.Contains("credentials", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_url_error_quotes_the_url()
    {
        string[] bad = ["ftp://user:pw-x1@h", "http://user:pw-x1@h/?q", "http://h/pw-x1?q", "pw-x1", "http://h/pw-x1 x"];

        Assert.All(bad, url => Assert.All(Validate(url), e => Assert.DoesNotContain("pw-x1", e.Reason, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("", "single '/'")]
    [InlineData("healthz", "single '/'")]
    [InlineData("//evil.example.com/healthz", "single '/'")]
    [InlineData("/health z", "whitespace")]
    [InlineData("/healthz\n", "whitespace")]
    [InlineData("/healthz?full=1", "query")]
    [InlineData("/healthz#x", "fragment")]
    public void A_bad_health_path_is_named_by_its_path(string healthPath, string reason)
    {
        var error = Assert.Single(Validate("http://127.0.0.1:5101", healthPath));

        Assert.Equal("endpoints.eu-west.health_path", error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_health_path_is_refused() =>
        Assert.Equal(
            "endpoints.eu-west.health_path",
            Assert.Single(Validate("http://127.0.0.1:5101", "/" + new string('h', ManifestValidator.MaxHealthPathLength))).Field);

    [Theory]
    [InlineData("EU-West")]
    [InlineData("eu_west")]
    [InlineData("-eu")]
    [InlineData("")]
    public void A_key_that_is_not_a_region_name_is_named_and_its_endpoint_not_judged(string region)
    {
        var error = Assert.Single(ManifestValidator.Validate(With((region, new ArmEndpoint("not a url")))));

        Assert.Equal($"endpoints.{region}", error.Field);
    }

    [Fact]
    public void A_null_endpoint_is_named()
    {
        var error = Assert.Single(ManifestValidator.Validate(With(("eu-west", null))));

        Assert.Equal("endpoints.eu-west", error.Field);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_the_manifests_other_errors()
    {
        var manifest = With(
            ("eu-west", new ArmEndpoint("ftp://x.example.com", "healthz")),
            ("us-east", new ArmEndpoint("", "/ok")),
            ("Bad", new ArmEndpoint("http://fine.example.com")),
            ("ap-south", new ArmEndpoint("http://fine.example.com", "/ok"))) with { ModelVer = "" };

        var errors = ManifestValidator.Validate(manifest, "$.target.");

        Assert.Equal(
            ["$.target.endpoints.Bad", "$.target.endpoints['eu-west'].health_path", "$.target.endpoints['eu-west'].url", "$.target.endpoints['us-east'].url", "$.target.model_ver"],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Endpoints_take_part_in_equality_and_in_the_canonical_text_only_when_present()
    {
        var plain = Samples.Manifest();
        var routed = With(("eu-west", new ArmEndpoint("http://127.0.0.1:5101", "/healthz")));

        Assert.NotEqual(plain, routed);
        Assert.Equal(routed, With(("eu-west", new ArmEndpoint("http://127.0.0.1:5101", "/healthz"))));
        Assert.NotEqual(routed, With(("eu-west", new ArmEndpoint("http://127.0.0.1:5101"))));
        Assert.DoesNotContain("endpoints", plain.ToCanonicalString(), StringComparison.Ordinal);
        Assert.EndsWith(";endpoints={eu-west=http://127.0.0.1:5101 health /healthz}", routed.ToCanonicalString(), StringComparison.Ordinal);
    }
}
