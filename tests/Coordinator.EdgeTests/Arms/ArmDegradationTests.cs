using System.Net;
using System.Text.Json;
using Coordinator.Arms;
using Coordinator.Arms.Corpus;
using Coordinator.Arms.Retrieval;

namespace Coordinator.EdgeTests.Arms;

public sealed class ArmDegradationTests
{
    [Fact]
    public async Task A_damaged_index_never_returns_a_dropped_passage_and_hashes_differently()
    {
        await using var healthy = await ArmServer.StartAsync(ArmOptions.ForGreen());
        await using var damaged = await ArmServer.StartAsync(ArmOptions.ForGreen() with { DropFraction = 0.4, DropSeed = 7 });
        using var client = ArmHttp.ClientFor(damaged);
        var dropped = damaged.Info.DroppedPassageIds;

        var returned = new HashSet<string>();
        foreach (var passage in ArmCorpus.Shipped.Passages)
        {
            var answer = await ArmHttp.AskAsync(client, Sentences.Split(passage.Text)[0], topK: 10);
            returned.UnionWith(answer.Passages.Select(p => p.Id));
        }

        Assert.Equal(22, dropped.Count);
        Assert.Equal(ArmCorpus.Shipped.Passages.Count - 22, damaged.Info.IndexedPassages);
        Assert.Empty(returned.Intersect(dropped));
        Assert.Equal(ArmCorpus.Shipped.Passages.Count - 22, returned.Count);
        Assert.NotEqual(healthy.Info.IndexHash, damaged.Info.IndexHash);
    }

    [Fact]
    public async Task Added_latency_shows_in_each_stage_timing()
    {
        await using var slow = await ArmServer.StartAsync(ArmOptions.ForBlue() with { RetrieveDelayMs = 40, RerankDelayMs = 25, ReasonDelayMs = 15 });
        using var client = ArmHttp.ClientFor(slow);

        for (var i = 0; i < 3; i++)
        {
            var answer = await ArmHttp.AskAsync(client, "How long does a primary failover take?");

            Assert.True(answer.TimingsMs.Retrieve >= 40, $"retrieve took {answer.TimingsMs.Retrieve} ms, configured 40 added");
            Assert.True(answer.TimingsMs.Rerank >= 25, $"rerank took {answer.TimingsMs.Rerank} ms, configured 25 added");
            Assert.True(answer.TimingsMs.Reason >= 15, $"reason took {answer.TimingsMs.Reason} ms, configured 15 added");
        }
    }

    [Fact]
    public async Task A_fault_fraction_fails_that_share_of_asks_with_the_configured_status_the_same_way_each_run()
    {
        var options = ArmOptions.ForGreen() with { FaultFraction = 0.3, FaultSeed = 5, FaultStatus = 503 };
        var first = await StatusesAsync(options, 300);
        var second = await StatusesAsync(options, 300);
        var otherSeed = await StatusesAsync(options with { FaultSeed = 6 }, 300);

        var failed = first.Statuses.Count(s => s == 503);
        Assert.All(first.Statuses, s => Assert.True(s is 200 or 503, $"status {s}"));
        Assert.InRange(failed, 300 * 0.22, 300 * 0.38);
        Assert.Equal(first.Statuses, second.Statuses);
        Assert.NotEqual(first.Statuses, otherSeed.Statuses);
        Assert.Equal(failed, first.Counts.Status5xx);
        Assert.Equal(300 - failed, first.Counts.Status2xx);
    }

    [Fact]
    public async Task An_injected_fault_is_a_problem_and_bad_input_still_gets_its_400()
    {
        await using var broken = await ArmServer.StartAsync(ArmOptions.ForBlue() with { FaultFraction = 1 });
        using var client = ArmHttp.ClientFor(broken);

        using var fault = await ArmHttp.PostRawAsync(client, """{"question":"Where do dead letters go?"}""");
        using var problem = JsonDocument.Parse(await fault.Content.ReadAsStringAsync());
        using var bad = await ArmHttp.PostRawAsync(client, "{}");

        Assert.Equal(HttpStatusCode.InternalServerError, fault.StatusCode);
        Assert.Equal("application/problem+json", fault.Content.Headers.ContentType?.MediaType);
        Assert.Contains("fault seed 1", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task An_unhealthy_arm_answers_503_on_healthz_until_it_is_made_healthy()
    {
        await using var arm = await ArmServer.StartAsync(ArmOptions.ForGreen() with { Healthy = false });
        using var client = ArmHttp.ClientFor(arm);

        using var down = await client.GetAsync("healthz");
        arm.Healthy = true;
        using var up = await client.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("\"unhealthy\"", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
    }

    private static async Task<(int[] Statuses, ArmRequestCounts Counts)> StatusesAsync(ArmOptions options, int requests)
    {
        await using var arm = await ArmServer.StartAsync(options);
        using var client = ArmHttp.ClientFor(arm);
        var statuses = new int[requests];
        for (var i = 0; i < requests; i++)
        {
            using var response = await ArmHttp.PostRawAsync(client, """{"question":"When does queue lag page?"}""");
            statuses[i] = (int)response.StatusCode;
        }

        return (statuses, arm.Counts());
    }
}
