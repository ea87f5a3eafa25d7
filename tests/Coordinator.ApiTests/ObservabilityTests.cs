using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Campaigns;
using Coordinator.Observability;

namespace Coordinator.ApiTests;

/// <summary>
/// Real campaigns over HTTP on the API silo, their metrics and spans read through OpenTelemetry's
/// in-memory exporter; the silo's own /metrics and Orleans Dashboard behind the API's roles.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ObservabilityTests(ApiFixture fixture) : IDisposable
{
    private const string Region = "eu-west";

    private readonly ExportedTelemetry _telemetry = new();

    public void Dispose() => _telemetry.Dispose();

    [Fact]
    public async Task A_completed_campaign_counts_its_flip_reports_the_warm_gate_with_value_and_threshold_and_traces_each_step_and_the_flip_under_its_root()
    {
        var service = fixture.NewService("otel-done");
        var status = await RunCampaignAsync(service, coverage: 0.85, CampaignState.Completed);

        var flips = _telemetry.Points(InstrumentNames.Flips, service);
        var flip = Assert.Single(flips);
        Assert.Equal((Region, "green", 1.0), (flip.Tag(TagNames.Region), flip.Tag(TagNames.Arm), flip.Value));
        Assert.Equal(1.0, Assert.Single(_telemetry.Points(InstrumentNames.CampaignTransitions, service), p => p.Tag(TagNames.State) == "completed").Value);

        var coverage = status.Regions[0].Warm!.Metrics.Single(m => m.Metric == "coverage_mean");
        AssertGate(service, "warm", coverage, "pass");

        var spans = _telemetry.Spans(service);
        var root = Assert.Single(spans, s => s.OperationName == CoordinatorTracing.CampaignStart);
        var steps = spans.Where(s => s.OperationName == CoordinatorTracing.CampaignStep).ToList();
        Assert.Equal(ChecklistSteps.All.Select(s => s.ToWire()), steps.OrderBy(s => s.StartTimeUtc).Select(s => s.GetTagItem(TagNames.Step)));
        var flipSpan = Assert.Single(spans, s => s.OperationName == CoordinatorTracing.PointerFlip);
        Assert.Equal("green", flipSpan.GetTagItem(TagNames.Arm));
        Assert.All(steps.Append(flipSpan), span =>
        {
            Assert.Equal(root.TraceId, span.TraceId);
            Assert.Equal(root.SpanId, span.ParentSpanId);
        });
        Assert.All(steps, s => Assert.Equal(Region, s.GetTagItem(TagNames.Region)));
    }

    [Fact]
    public async Task A_failed_warm_gate_reports_the_failing_value_against_its_threshold_and_the_rollback_duration()
    {
        var service = fixture.NewService("otel-fail");
        var status = await RunCampaignAsync(service, coverage: 0.5, CampaignState.RolledBack);

        var coverage = status.Regions[0].Warm!.Metrics.Single(m => m.Metric == "coverage_mean");
        Assert.Equal(GateVerdict.Fail, coverage.Verdict);
        AssertGate(service, "warm", coverage, "fail");
        Assert.Equal(2.0, Assert.Single(_telemetry.Points(InstrumentNames.GateVerdict, service), p => p.Tag(TagNames.Metric) == "coverage_mean").Value);

        var rollback = Assert.Single(_telemetry.Points(InstrumentNames.RollbackDuration, service));
        Assert.Equal(1, rollback.HistogramCount);
        Assert.Equal(status.RollbackDuration!.Value.TotalSeconds, rollback.HistogramSum, precision: 6);
        Assert.Equal(1.0, Assert.Single(_telemetry.Points(InstrumentNames.CampaignTransitions, service), p => p.Tag(TagNames.State) == "rolled_back").Value);
        var spans = _telemetry.Spans(service);
        var root = Assert.Single(spans, s => s.OperationName == CoordinatorTracing.CampaignStart);
        var span = Assert.Single(spans, s => s.OperationName == CoordinatorTracing.CampaignRollback);
        Assert.Equal((root.TraceId, root.SpanId), (span.TraceId, span.ParentSpanId));
        Assert.Equal(status.RollbackDuration.Value, span.Duration);
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_with_a_read_token_and_refused_without_one()
    {
        var service = fixture.NewService("scrape");
        await fixture.RegisterBothAsync(service, Region);
        await fixture.FlipByGrainAsync(service, Region, Arm.Green, 0);
        using var anonymous = fixture.As(null);
        using var reader = fixture.As("rita");

        var refused = await anonymous.GetAsync("metrics");
        var text = await Poll.UntilAsync(
            async () => await (await reader.GetAsync("metrics")).Content.ReadAsStringAsync(),
            t => t.Contains($"service=\"{service}\"", StringComparison.Ordinal),
            $"the scrape to show the flip of {service}");
        var scrape = await reader.GetAsync("metrics");

        await Problems.AssertAsync(refused, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("# TYPE coordinator_pointer_flips_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE coordinator_pointer_epoch gauge", text, StringComparison.Ordinal);
        var line = text.Split('\n').Single(l => l.StartsWith("coordinator_pointer_epoch{", StringComparison.Ordinal) && l.Contains($"service=\"{service}\"", StringComparison.Ordinal));
        Assert.EndsWith(" 1", line, StringComparison.Ordinal);
        Assert.Contains("otel_scope_name=\"Microsoft.Orleans\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_orleans_dashboard_answers_only_an_operator()
    {
        using var anonymous = fixture.As(null);
        using var reader = fixture.As("rita");
        using var approver = fixture.As("abe");
        using var operatorClient = fixture.As("olga");

        var none = await anonymous.GetAsync("orleans-dashboard/");
        var read = await reader.GetAsync("orleans-dashboard/");
        var approve = await approver.GetAsync("orleans-dashboard/ClusterStats");
        var page = await operatorClient.GetAsync("orleans-dashboard/");
        var counters = await operatorClient.GetAsync("orleans-dashboard/DashboardCounters");

        await Problems.AssertAsync(none, HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(read, HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(approve, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        var hosts = (await ApiFixture.ReadJsonAsync(counters)).GetProperty("hosts");
        Assert.Equal(fixture.Silo.Options.GatewayPort, Assert.Single(hosts.EnumerateArray()).GetProperty("proxyPort").GetInt32());
    }

    /// <summary>One region, hold 0; the smoke report's coverage decides whether the warm gate passes.</summary>
    private async Task<CampaignStatus> RunCampaignAsync(string service, double coverage, CampaignState end)
    {
        await fixture.RegisterBothAsync(service, Region);
        using var client = fixture.As("olga");
        var started = await client.PostAsync($"api/v1/services/{service}/campaigns", ApiFixture.Json(CampaignTests.Spec(service, "c1", [Region]).ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var cutover = fixture.Grains.GetGrain<ICutoverGrain>(service);
        await Poll.UntilAsync(() => cutover.GetStatusAsync("c1"), s => s?.Regions[0].Step == ChecklistStep.WarmGreen, "c1 to reach warm-green");
        using var evaluator = fixture.As("wes");
        var smoke = await evaluator.PostAsync($"api/v1/services/{service}/campaigns/c1/smoke-reports", ApiFixture.Json(SmokeReports.Json(Region, coverage)));
        Assert.Equal(HttpStatusCode.Accepted, smoke.StatusCode);
        return (await Poll.UntilAsync(() => cutover.GetStatusAsync("c1"), s => s?.State == end, $"c1 to end {end}"))!;
    }

    /// <summary>The gate's measured value and thresholds as the status holds them, and its verdict counted once.</summary>
    private void AssertGate(string service, string gate, MetricResult metric, string verdict)
    {
        bool Of(ExportedTelemetry.Point p) => p.Tag(TagNames.Gate) == gate && p.Tag(TagNames.Metric) == metric.Metric && p.Tag(TagNames.Region) == Region;
        Assert.Equal(metric.Value!.Value, Assert.Single(_telemetry.Points(InstrumentNames.GateValue, service), Of).Value, precision: 9);
        var thresholds = _telemetry.Points(InstrumentNames.GateThreshold, service).Where(Of).ToDictionary(p => p.Tag(TagNames.Bound), p => p.Value);
        Assert.Equal(metric.PassTarget!.Value, thresholds["pass"], precision: 9);
        Assert.Equal(metric.StopAt is null ? null : thresholds["stop"], metric.StopAt);
        var judged = Assert.Single(_telemetry.Points(InstrumentNames.GateJudgements, service), Of);
        Assert.Equal((verdict, 1.0), (judged.Tag(TagNames.Verdict), judged.Value));
    }
}
