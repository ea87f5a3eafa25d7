using Coordinator.Campaigns;
using Coordinator.Client;
using Coordinator.Client.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace Coordinator.ClusterTests.Telemetry;

[Collection(ClusterCollection.Name)]
public sealed class TelemetryTests(ClusterFixture fixture)
{
    private const int Requests = 1000;

    /// <summary>Exact nearest-rank p95 of <see cref="LatencyMs"/> over 1,000 requests: the 950th smallest.</summary>
    private const double ExactP95Ms = 10 + (949 * 0.19);

    private IClusterClient Client => fixture.Client;

    /// <summary>Request i of 1,000 takes 10 + 0.19·i ms: uniform from 10 to 200 ms.</summary>
    private static TimeSpan LatencyMs(int i) => TimeSpan.FromMilliseconds(10 + (i * 0.19));

    /// <summary>Every 10th request is sampled for quality: ΔS 0.20..0.29 (ten of each, mean 0.245), coverage 0.80, λ convergent, never flipped.</summary>
    private static RequestSample Sample(int i, bool is5xx, bool isError = false) => new()
    {
        Latency = LatencyMs(i),
        RetrieveLatency = LatencyMs(i) * 0.3,
        RerankLatency = LatencyMs(i) * 0.1,
        ReasonLatency = LatencyMs(i) * 0.5,
        Http5xx = is5xx,
        Error = isError,
        DeltaS = i % 10 == 0 ? 0.2 + (i % 100 / 1000.0) : null,
        Coverage = i % 10 == 0 ? 0.8 : null,
        Lambda = i % 10 == 0 ? new LambdaObservation(Flipped: false, Convergent: true) : null,
    };

    private static FakeTimeProvider StartedNow() => new(TimeProvider.System.GetUtcNow());

    private ITelemetryGrain Telemetry(string region, Arm arm) =>
        Client.GetGrain<ITelemetryGrain>(TelemetryKey.Format(Fixtures.Service, region, arm));

    /// <summary>Polls the arm's window around <paramref name="at"/> until it holds <paramref name="requests"/> requests.</summary>
    private async Task<TelemetryWindow> WindowWith(string region, Arm arm, long requests, DateTimeOffset at)
    {
        var grain = Telemetry(region, arm);
        var (from, to) = (at - TimeSpan.FromMinutes(1), at + TimeSpan.FromMinutes(1));
        TelemetryWindow? window = null;
        await Poll.UntilAsync(
            async () => (window = await grain.GetWindowAsync(from, to)).RequestCount == requests,
            $"the {arm.ToWire()} window of {region} to hold {requests} requests (last seen: {window?.RequestCount})");
        return window!;
    }

    /// <summary>A registered region flipped to Green, with the active arm as a fresh resolver reads it.</summary>
    private async Task<(ActiveArm Blue, ActiveArm Green)> FlippedRegion(string region)
    {
        var pointer = await Fixtures.RegisteredRegion(Client, region);
        var options = new ActiveArmResolverOptions { RefreshInterval = TimeSpan.FromMinutes(1) };
        await using var before = new ActiveArmResolver(Client, options, new FakeTimeProvider());
        var blue = await before.GetAsync(Fixtures.Service, region);
        await pointer.FlipAsync(Fixtures.Flip(Arm.Green, 0));
        await using var after = new ActiveArmResolver(Client, options, new FakeTimeProvider());
        var green = await after.GetAsync(Fixtures.Service, region);
        Assert.Equal((Arm.Blue, Arm.Green), (blue.Arm, green.Arm));
        return (blue, green);
    }

    [Fact]
    public async Task Requests_recorded_through_the_sdk_arrive_after_one_flush_as_a_pinned_window_with_p95_and_5xx_rate()
    {
        var region = Fixtures.NewRegion();
        var (_, green) = await FlippedRegion(region);
        var time = StartedNow();
        var start = time.GetUtcNow();
        await using var reporter = new TelemetryReporter(Client, time: time);

        for (var i = 0; i < Requests; i++)
        {
            reporter.Record(green, Sample(i, is5xx: i % 50 == 0));
        }

        Assert.Equal(0, reporter.BatchesSent);
        Assert.Equal(0, (await Telemetry(region, Arm.Green).GetWindowAsync(start - TimeSpan.FromMinutes(1), start + TimeSpan.FromMinutes(1))).RequestCount);
        time.Advance(TimeSpan.FromSeconds(1));
        var window = await WindowWith(region, Arm.Green, Requests, start);

        Assert.Equal(1, reporter.BatchesSent);
        Assert.Equal((20L, 20L), (window.Http5xxCount, window.ErrorCount));
        Assert.Equal(0.02, window.Http5xxRate, 9);
        Assert.InRange(window.Latency.P95Ms, ExactP95Ms * 0.95, ExactP95Ms * 1.05);
        Assert.InRange(window.Latency.P50Ms, 104.9 * 0.95, 104.9 * 1.05);
        Assert.InRange(window.ReasonLatency.P95Ms, ExactP95Ms * 0.5 * 0.95, ExactP95Ms * 0.5 * 1.05);
        Assert.Equal(PinnedVersions.Of(Fixtures.Manifest("idx-green")), window.Versions);
        Assert.False(window.MixedVersions);
        Assert.Equal((100L, 100L, 100L), (window.DeltaSSamples, window.CoverageSamples, window.LambdaSamples));
        Assert.Equal(0.245, window.DeltaSMean, 6);
        Assert.InRange(window.DeltaSP95, 0.29 - 0.0025, 0.29 + 0.0025);
        Assert.Equal(0.8, window.CoverageMean, 6);
        Assert.True(window.LambdaConvergent);
        Assert.Equal(0, (await WindowAround(region, Arm.Blue, start)).RequestCount);
    }

    [Fact]
    public async Task Quality_recorded_on_answers_an_edge_already_counted_adds_samples_to_the_window_but_no_request()
    {
        var region = Fixtures.NewRegion();
        var (_, green) = await FlippedRegion(region);
        var time = StartedNow();
        var start = time.GetUtcNow();
        await using var reporter = new TelemetryReporter(Client, time: time);

        // The edge's view: 10 requests; the client's: quality on 4 of those answers (2 of them with λ, 1 flipped).
        for (var i = 0; i < 10; i++)
        {
            reporter.Record(green, new RequestSample { Latency = TimeSpan.FromMilliseconds(20) });
        }

        reporter.RecordQuality(green, new QualitySample { Coverage = 0.5, DeltaS = 0.3 });
        reporter.RecordQuality(green, new QualitySample { Coverage = 0.7, DeltaS = 0.5 });
        reporter.RecordQuality(green, new QualitySample { Coverage = 0.9, DeltaS = 0.4, Lambda = new LambdaObservation(Flipped: true, Convergent: false) });
        reporter.RecordQuality(green, new QualitySample { Coverage = 0.9, DeltaS = 0.4, Lambda = new LambdaObservation(Flipped: false, Convergent: true) });
        Assert.Throws<ArgumentException>(() => reporter.RecordQuality(green, new QualitySample()));
        time.Advance(TimeSpan.FromSeconds(1));
        var window = await WindowWith(region, Arm.Green, 10, start);

        Assert.Equal((4L, 4L, 2L), (window.CoverageSamples, window.DeltaSSamples, window.LambdaSamples));
        Assert.Equal(0.75, window.CoverageMean, 9);
        Assert.Equal(0.4, window.DeltaSMean, 9);
        Assert.Equal(0.5, window.LambdaFlipRate, 9);
        Assert.Equal(PinnedVersions.Of(Fixtures.Manifest("idx-green")), window.Versions);
        Assert.False(window.MixedVersions);
    }

    [Fact]
    public async Task A_window_with_samples_from_two_manifests_reports_mixed_versions()
    {
        var region = Fixtures.NewRegion();
        var (_, green) = await FlippedRegion(region);
        var time = StartedNow();
        var start = time.GetUtcNow();
        var reporter = new TelemetryReporter(Client, time: time);
        var rebuilt = PinnedVersions.Of(Fixtures.Manifest("idx-green-rebuilt"));

        for (var i = 0; i < 300; i++)
        {
            reporter.Record(green, Sample(i, is5xx: false));
            reporter.Record(Fixtures.Service, region, Arm.Green, rebuilt, Sample(i, is5xx: false));
        }

        await reporter.DisposeAsync();
        var window = await WindowWith(region, Arm.Green, 600, start);

        Assert.Equal(2, reporter.BatchesSent);
        Assert.True(window.MixedVersions);
        Assert.Null(window.Versions);
        reporter.Record(green, Sample(0, is5xx: false));
        Assert.Equal(1, reporter.SamplesDropped);
    }

    [Fact]
    public async Task The_hold_gate_passes_healthy_green_against_blue_from_grain_windows()
    {
        var region = Fixtures.NewRegion();
        var (blue, green, at) = await ReportBothArms(region, green5xxEvery: 0);

        var result = CampaignGate.EvaluateHold(
            await WindowWith(region, Arm.Green, Requests, at), await WindowWith(region, Arm.Blue, Requests, at),
            GateThresholds.Default, StopRules.Default, green.Manifest);

        Assert.True(result.Verdict == GateVerdict.Pass, result.Reason);
        Assert.NotEqual(blue.Manifest, green.Manifest);
    }

    [Fact]
    public async Task The_hold_gate_fails_green_whose_5xx_rate_is_over_one_percent()
    {
        var region = Fixtures.NewRegion();
        var (_, green, at) = await ReportBothArms(region, green5xxEvery: 50);

        var result = CampaignGate.EvaluateHold(
            await WindowWith(region, Arm.Green, Requests, at), await WindowWith(region, Arm.Blue, Requests, at),
            GateThresholds.Default, StopRules.Default, green.Manifest);

        Assert.True(result.Verdict == GateVerdict.Fail, result.Reason);
        var http5xx = Assert.Single(result.Metrics, m => m.Metric == "http_5xx_rate");
        Assert.Equal(GateVerdict.Fail, http5xx.Verdict);
        Assert.Equal(0.02, http5xx.Value!.Value, 9);
    }

    [Fact]
    public async Task Bad_samples_names_and_flush_intervals_are_refused_before_anything_is_recorded()
    {
        var time = StartedNow();
        await using var reporter = new TelemetryReporter(Client, time: time);
        var versions = PinnedVersions.Of(Fixtures.Manifest("idx-green"));
        var region = Fixtures.NewRegion();

        Assert.Throws<ArgumentOutOfRangeException>(() => reporter.Record(Fixtures.Service, region, Arm.Green, versions, Sample(0, is5xx: false) with { DeltaS = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => reporter.Record(Fixtures.Service, region, Arm.Green, versions, Sample(0, is5xx: false) with { Latency = TimeSpan.FromMilliseconds(-1) }));
        Assert.Throws<ArgumentException>(() => reporter.Record(Fixtures.Service, "EU West", Arm.Green, versions, Sample(0, is5xx: false)));
        await reporter.FlushAsync();

        Assert.Equal(0, reporter.BatchesSent);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelemetryReporter(Client, new TelemetryReporterOptions { FlushInterval = TimeSpan.FromMilliseconds(99) }, time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelemetryReporter(Client, new TelemetryReporterOptions { FlushInterval = TimeSpan.FromSeconds(61) }, time));
        Assert.Equal("SendTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => new TelemetryReporter(Client, new TelemetryReporterOptions { SendTimeout = TimeSpan.FromMilliseconds(99) }, time)).ParamName);
        Assert.Equal("SendTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => new TelemetryReporter(Client, new TelemetryReporterOptions { SendTimeout = TimeSpan.FromSeconds(61) }, time)).ParamName);
    }

    [Theory]
    [InlineData("rag-api/eu-west/purple", "key")]
    [InlineData("rag-api/eu-west", "key")]
    [InlineData("Rag_API/eu-west/green", "service")]
    public async Task A_bad_key_is_refused_naming_the_field(string key, string field)
    {
        var now = DateTimeOffset.UtcNow;

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => Client.GetGrain<ITelemetryGrain>(key).GetWindowAsync(now, now.AddMinutes(1)));

        Assert.Equal(field, Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public async Task A_window_that_does_not_end_after_it_starts_is_refused_naming_to()
    {
        var now = DateTimeOffset.UtcNow;

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => Telemetry(Fixtures.NewRegion(), Arm.Green).GetWindowAsync(now, now));

        Assert.Equal("to", Assert.Single(ex.Errors).Field);
    }

    /// <summary>
    /// Blue before the flip and Green after it each serve the same 1,000 requests with one error in
    /// a thousand; Green's every <paramref name="green5xxEvery"/>-th request is a 5xx (0: none).
    /// </summary>
    private async Task<(ActiveArm Blue, ActiveArm Green, DateTimeOffset At)> ReportBothArms(string region, int green5xxEvery)
    {
        var (blue, green) = await FlippedRegion(region);
        var time = StartedNow();
        await using var reporter = new TelemetryReporter(Client, time: time);
        for (var i = 0; i < Requests; i++)
        {
            reporter.Record(blue, Sample(i, is5xx: false, isError: i == 500));
            reporter.Record(green, Sample(i, is5xx: green5xxEvery > 0 && i % green5xxEvery == 0, isError: i == 500));
        }

        time.Advance(TimeSpan.FromSeconds(1));
        return (blue, green, time.GetUtcNow());
    }

    private Task<TelemetryWindow> WindowAround(string region, Arm arm, DateTimeOffset at) =>
        Telemetry(region, arm).GetWindowAsync(at - TimeSpan.FromMinutes(1), at + TimeSpan.FromMinutes(1));
}
