using System.Net;
using Coordinator.Campaigns;

namespace Coordinator.ApiTests;

/// <summary>Telemetry batches over HTTP: checked by the SDK's rules before the one-way report, so a bad batch is a 400, not a silent drop.</summary>
[Collection(ApiCollection.Name)]
public sealed class TelemetryTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_valid_batch_is_202_and_lands_in_the_arms_window()
    {
        var service = fixture.NewService("tele");
        using var writer = fixture.As("wes");
        var now = DateTimeOffset.UtcNow;

        var response = await writer.PostAsync($"api/v1/services/{service}/regions/eu-west/telemetry/green", ApiFixture.Json(Batch(now, requests: 3, latencyCounts: [3])));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var grain = fixture.Grains.GetGrain<ITelemetryGrain>(TelemetryKey.Format(service, "eu-west", Arm.Green));
        await Poll.UntilAsync(() => grain.GetWindowAsync(now.AddMinutes(-1), now.AddMinutes(1)), w => w.RequestCount == 3, "the batch to be counted in green's window");
    }

    [Fact]
    public async Task A_batch_whose_numbers_do_not_add_up_is_400_by_json_path()
    {
        using var writer = fixture.As("wes");

        var response = await writer.PostAsync(
            $"api/v1/services/{fixture.NewService("tele-bad")}/regions/eu-west/telemetry/green",
            ApiFixture.Json(Batch(DateTimeOffset.UtcNow, requests: 3, latencyCounts: [5], errors: 4)));

        var paths = Problems.Paths(await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input"));
        Assert.Contains("$.error_count", paths);
        Assert.Contains("$.latency", paths);
    }

    private static object Batch(DateTimeOffset now, long requests, long[] latencyCounts, long errors = 0) => new
    {
        from = now.AddSeconds(-10).ToString("O"),
        to = now.ToString("O"),
        versions = new { index_hash = "idx-green", embed_schema = "e", rerank_conf = "r", prompt_ver = "p", model_ver = "m" },
        request_count = requests,
        error_count = errors,
        latency = new { offset = 10, counts = latencyCounts },
    };
}
