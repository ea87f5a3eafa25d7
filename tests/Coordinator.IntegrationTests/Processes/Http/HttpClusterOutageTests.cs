using System.Net;
using System.Text;
using System.Text.Json;
using Coordinator.IntegrationTests.Infrastructure;
using Coordinator.IntegrationTests.Processes.Chaos;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Processes.Http;

/// <summary>Two silo processes of its own: the test freezes one.</summary>
public sealed class HttpOutageCluster() : SiloProcessCluster(2);

/// <summary>
/// The HTTP API when the silo holding a region's pointer stops answering (SIGSTOP: its connections stay
/// open, nothing comes back): the flip sent to the other silo is a 503 cluster-unavailable problem that
/// says the outcome is unknown, never a 500 or a stack trace; the same flip retried with the same
/// Idempotency-Key once the frozen silo is voted out lands exactly once.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class HttpClusterOutageTests(HttpOutageCluster cluster, ITestOutputHelper output) : IClassFixture<HttpOutageCluster>
{
    // Correctness bounds, not speed: the frozen silo is voted out in seconds (see the failover benchmark).
    private static readonly TimeSpan RetryDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public Task A_flip_whose_pointer_sits_on_a_frozen_silo_answers_503_cluster_unavailable_and_its_retry_lands_once() =>
        cluster.DumpingOutputOnFailureAsync(output, async () =>
        {
            var service = TestIds.New("outage");
            const string region = "eu-west";
            var pointer = cluster.Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));
            await Samples.RegisterBothAsync(pointer);
            var host = await cluster.Management.GetActivationAddress(pointer);
            Assert.NotNull(host);
            var frozen = cluster.Ports.ToList().FindIndex(p => p.Silo == host.Endpoint.Port);
            Assert.True(frozen >= 0, $"the pointer lives on {host}, not on a silo of this cluster");
            var survivor = $"http://127.0.0.1:{cluster.Ports[1 - frozen].Http}";
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

            await Signals.SendAsync(cluster.Silos[frozen].Id, "STOP");
            HttpResponseMessage unknown;
            try
            {
                unknown = await FlipAsync(http, survivor, service, region, "k1");
            }
            finally
            {
                // Thawed, it learns it was voted out and stops; the fixture disposes what is left.
                await Signals.SendAsync(cluster.Silos[frozen].Id, "CONT");
            }

            var text = await unknown.Content.ReadAsStringAsync();
            output.WriteLine($"while frozen: {(int)unknown.StatusCode} {text}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.StatusCode);
            Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
            using (var problem = JsonDocument.Parse(text))
            {
                Assert.Equal("urn:coordinator:problem:cluster-unavailable", problem.RootElement.GetProperty("type").GetString());
                Assert.Contains("outcome is unknown", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);

            // The outcome was unknown: the same key and precondition again is the same flip, applied once.
            var landed = await Poll.UntilAsync(
                () => FlipAsync(http, survivor, service, region, "k1"),
                r => r.StatusCode == HttpStatusCode.OK,
                "the retried flip through the survivor once the frozen silo is voted out",
                RetryDeadline);
            using var first = JsonDocument.Parse(await landed.Content.ReadAsStringAsync());
            Assert.Equal(1, first.RootElement.GetProperty("epoch").GetInt64());

            var replay = await FlipAsync(http, survivor, service, region, "k1");
            using var again = JsonDocument.Parse(await replay.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.True(again.RootElement.GetProperty("replayed").GetBoolean());
            Assert.Equal(1, again.RootElement.GetProperty("epoch").GetInt64());
            var view = await pointer.GetActiveArmAsync();
            Assert.Equal((Arm.Green, 1L), (view.ActiveArm, view.Epoch));
        });

    private static Task<HttpResponseMessage> FlipAsync(HttpClient http, string url, string service, string region, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/api/v1/services/{service}/regions/{region}/flip")
        {
            Content = new StringContent("""{"to":"green","reason":"outage test"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }
}
