using System.Net;
using Coordinator.Arms;

namespace Coordinator.EdgeTests.Arms;

public sealed class ArmServerTests
{
    [Fact]
    public async Task The_server_counts_requests_by_path_status_class_and_epoch_header()
    {
        await using var arm = await ArmServer.StartAsync(ArmOptions.ForBlue());
        using var client = ArmHttp.ClientFor(arm);
        const string ask = """{"question":"How long do cache entries live?"}""";

        foreach (var epoch in new[] { "4", "4", "7", "4", "7", "abc", null })
        {
            (await ArmHttp.PostRawAsync(client, ask, epoch)).Dispose();
        }

        (await ArmHttp.PostRawAsync(client, "{}", "9")).Dispose();
        (await client.GetAsync("healthz")).Dispose();
        (await client.GetAsync("nowhere")).Dispose();
        var counts = arm.Counts();

        Assert.Equal(10, counts.Total);
        Assert.Equal(8, counts.Asks);
        Assert.Equal(1, counts.Health);
        Assert.Equal((8L, 0L, 2L, 0L), (counts.Status2xx, counts.Status3xx, counts.Status4xx, counts.Status5xx));
        Assert.Equal(9, counts.HighestEpoch);
        Assert.Equal(new Dictionary<long, long> { [4] = 3, [7] = 2, [9] = 1 }, counts.ByEpoch);
        Assert.Equal(1, counts.EpochHeaderInvalid);
    }

    [Fact]
    public async Task Concurrent_requests_are_each_counted_once()
    {
        await using var arm = await ArmServer.StartAsync(ArmOptions.ForGreen());
        using var client = ArmHttp.ClientFor(arm);

        await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
        {
            using var response = await ArmHttp.PostRawAsync(client, """{"question":"Who may roll back?"}""", (i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
        var counts = arm.Counts();

        Assert.Equal((64L, 64L, 64L), (counts.Total, counts.Asks, counts.Status2xx));
        Assert.Equal(3, counts.HighestEpoch);
        Assert.All(counts.ByEpoch.Values, n => Assert.Equal(16, n));
    }

    [Fact]
    public async Task A_server_listens_on_loopback_on_the_port_given_and_a_taken_port_is_an_error()
    {
        await using var first = await ArmServer.StartAsync(ArmOptions.ForBlue());
        Assert.Equal("127.0.0.1", first.BaseUrl.Host);
        Assert.NotEqual(0, first.BaseUrl.Port);

        await Assert.ThrowsAnyAsync<IOException>(() => ArmServer.StartAsync(ArmOptions.ForGreen(), first.BaseUrl.Port));
        await Assert.ThrowsAsync<ArmOptionsException>(() => ArmServer.StartAsync(ArmOptions.ForGreen() with { Name = "" }));
    }

    [Fact]
    public async Task A_disposed_server_refuses_connections()
    {
        var arm = await ArmServer.StartAsync(ArmOptions.ForBlue());
        using var client = ArmHttp.ClientFor(arm);
        using (var before = await client.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.Equal((1L, (long?)null), (arm.Counts().Health, arm.Counts().HighestEpoch));

        await arm.DisposeAsync();
        await arm.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("healthz"));
    }
}
