using System.Net;
using System.Text;
using Coordinator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Processes.Http;

/// <summary>Two silo processes of its own: the test kills one.</summary>
public sealed class HttpFollowerCluster() : SiloProcessCluster(2);

/// <summary>
/// A client in another language (Node, follow-active.mjs) follows a region over the HTTP API's event
/// stream across a flip and the SIGKILL of the silo it is connected to: it resumes on the other silo
/// with Last-Event-ID and never reports a lower epoch.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class HttpFollowerTests(HttpFollowerCluster cluster, ITestOutputHelper output) : IClassFixture<HttpFollowerCluster>
{
    private static readonly TimeSpan FollowerDeadline = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan FailoverDeadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_node_follower_resumes_on_the_other_silo_after_a_kill_and_never_sees_a_lower_epoch()
    {
        ChildProcess? follower = null;
        try
        {
            await cluster.DumpingOutputOnFailureAsync(
                output,
                async () =>
                {
                    var service = TestIds.New("sse");
                    const string region = "eu-west";
                    await Samples.RegisterBothAsync(cluster.Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region)));
                    var urls = cluster.Ports.Select(p => $"http://127.0.0.1:{p.Http}").ToList();
                    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                    Assert.Equal(HttpStatusCode.OK, (await FlipAsync(http, urls[0], service, region, "green", 0, "k1")).StatusCode);

                    follower = ChildProcess.Start(
                        "node-follower", "node", [Script, string.Join(',', urls), service, region, "2", FollowerDeadline.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                        AppContext.BaseDirectory);
                    await Poll.UntilAsync(() => Task.FromResult(follower.Output), o => o.Contains("epoch=1", StringComparison.Ordinal), "the follower to see epoch 1 on the first silo");

                    // The follower is connected to the first silo: kill it, then flip through the survivor
                    // (same key and precondition on every try, so a retried flip is the same flip).
                    await cluster.KillAsync(cluster.Ports[0].Silo);
                    await Poll.UntilAsync(
                        () => FlipAsync(http, urls[1], service, region, "blue", 1, "k2").ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.StatusCode : HttpStatusCode.ServiceUnavailable, TaskScheduler.Default),
                        status => status == HttpStatusCode.OK,
                        "a flip through the surviving silo",
                        FailoverDeadline);

                    var exit = await follower.WaitForExitAsync(FollowerDeadline);
                    output.WriteLine(follower.Describe());

                    Assert.True(exit == 0, follower.Output);
                    Assert.Contains($"connect {urls[1]} last-event-id={region}=1", follower.Output, StringComparison.Ordinal);
                    Assert.Contains("epoch=2", follower.Output, StringComparison.Ordinal);
                    Assert.DoesNotContain("LOWER", follower.Output, StringComparison.Ordinal);
                },
                () => follower is null ? [] : [follower]);
        }
        finally
        {
            if (follower is not null)
            {
                await follower.DisposeAsync();
            }
        }
    }

    private static string Script => Path.Combine(AppContext.BaseDirectory, "Processes", "Http", "follow-active.mjs");

    private static Task<HttpResponseMessage> FlipAsync(HttpClient http, string url, string service, string region, string to, long epoch, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/api/v1/services/{service}/regions/{region}/flip")
        {
            Content = new StringContent($$"""{"to":"{{to}}","reason":"follower test"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{epoch}\"");
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }
}
