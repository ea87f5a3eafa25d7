using System.Net;
using Coordinator.Hosting;
using Coordinator.Hosting.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coordinator.ApiTests;

/// <summary>"Coordinator:Observability": every bad key named at once; the switches change what the silo serves.</summary>
public sealed class ObservabilityOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Coordinator:Observability:" + v.Key, v.Value))).Build();

    [Fact]
    public void Defaults_serve_metrics_behind_a_token_and_the_dashboard_and_push_nothing()
    {
        var options = ObservabilityOptionsReader.Read(Config());

        Assert.Equal((true, "/metrics", false), (options.Prometheus, options.PrometheusPath, options.PrometheusAllowAnonymous));
        Assert.Equal((true, "/orleans-dashboard"), (options.OrleansDashboard, options.OrleansDashboardPath));
        Assert.False(options.Otlp);
    }

    [Fact]
    public void Every_bad_or_unknown_key_is_named_at_once()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => ObservabilityOptionsReader.Read(Config(
            ("Prometheus", "yes"), ("PrometheusPath", "/api/v1/metrics"), ("OrleansDashboardPath", "dashboard"),
            ("OtlpEndpoint", "collector:4317"), ("OtlpProtocol", "thrift"), ("Zipkin", "on"))));

        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:Observability:Prometheus: 'yes' is not true or false", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:Observability:PrometheusPath: '/api/v1/metrics' is taken", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:Observability:OrleansDashboardPath: 'dashboard' must start with '/'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:Observability:OtlpEndpoint: 'collector:4317' is not an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:Observability:OtlpProtocol: 'thrift' is not a protocol", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:Observability:Zipkin: is not a known setting", StringComparison.Ordinal));
        Assert.Equal(6, ex.Failures.Count());
    }

    [Fact]
    public void The_dashboard_may_not_sit_under_the_scrape_path()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => ObservabilityOptionsReader.Read(Config(("OrleansDashboardPath", "/metrics/orleans"))));

        Assert.Equal("Coordinator:Observability:OrleansDashboardPath: '/metrics/orleans' overlaps PrometheusPath '/metrics'", Assert.Single(ex.Failures));
    }

    [Fact]
    public void An_otlp_endpoint_turns_otlp_on_with_either_protocol()
    {
        var grpc = ObservabilityOptionsReader.Read(Config(("OtlpEndpoint", "http://127.0.0.1:4317")));
        var http = ObservabilityOptionsReader.Read(Config(("OtlpEndpoint", "https://collector.example:4318"), ("OtlpProtocol", "HTTP/Protobuf"), ("OtlpTraces", "false")));

        Assert.Equal((true, OtlpProtocols.Grpc, true), (grpc.Otlp, grpc.OtlpProtocol, grpc.OtlpTraces));
        Assert.Equal((true, OtlpProtocols.HttpProtobuf, false), (http.Otlp, http.OtlpProtocol, http.OtlpTraces));
    }

    [Fact]
    public async Task Anonymous_scrapes_when_allowed_and_no_dashboard_when_switched_off()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Coordinator:Api:Principals:0:Name"] = "olga",
            ["Coordinator:Api:Principals:0:TokenSha256"] = Api.Auth.TokenHashes.Sha256Hex(ApiFixture.TokenOf("olga")),
            ["Coordinator:Api:Principals:0:Roles:0"] = "operator",
            ["Coordinator:Observability:PrometheusAllowAnonymous"] = "true",
            ["Coordinator:Observability:PrometheusPath"] = "/internal/metrics",
            ["Coordinator:Observability:OrleansDashboard"] = "false",
        };
        await using var silo = await EmbeddedSilo.StartAsync("otel-switches", "otel-switches", logging => logging.SetMinimumLevel(LogLevel.Warning), settings: settings);
        using var anonymous = new HttpClient { BaseAddress = silo.HttpBaseAddress };
        using var operatorClient = new HttpClient { BaseAddress = silo.HttpBaseAddress };
        operatorClient.DefaultRequestHeaders.Authorization = new("Bearer", ApiFixture.TokenOf("olga"));

        var scrape = await anonymous.GetAsync("internal/metrics");
        var oldPath = await anonymous.GetAsync("metrics");
        var dashboard = await operatorClient.GetAsync("orleans-dashboard/");
        var api = await anonymous.GetAsync("api/v1/services/x/regions");

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("target_info", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, oldPath.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }
}
