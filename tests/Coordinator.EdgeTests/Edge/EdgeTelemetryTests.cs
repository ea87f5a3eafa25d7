using Coordinator.Campaigns;

namespace Coordinator.EdgeTests.Edge;

/// <summary>Every proxied request reaches the hold gate's telemetry under the arm that served it.</summary>
[Collection(EdgeCollection.Name)]
public sealed class EdgeTelemetryTests(EdgeFixture fixture)
{
    [Fact]
    public async Task Requests_are_reported_for_the_arm_and_versions_that_served_them_with_5xx_counted()
    {
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using var world = await EdgeWorld.StartAsync(fixture, "telemetry");
        var edge = await world.StartEdgeAsync();
        using var client = world.ClientFor(edge);
        for (var i = 0; i < 3; i++)
        {
            await world.GetAsync(client, "/ask");
        }

        using (var failed = await client.GetAsync($"/{world.Service}/fail"))
        {
            Assert.Equal(System.Net.HttpStatusCode.InternalServerError, failed.StatusCode);
            Assert.Equal("blue", Routed.Of(failed).Arm);
        }

        var epoch = await world.FlipAsync(Arm.Green);
        await world.UntilRoutedAsync(client, Arm.Green, epoch);
        await world.GetAsync(client, "/ask");
        await edge.FlushTelemetryAsync();

        // Counted at the arm servers: the telemetry must say the same.
        var blue = await WindowAsync(world, Arm.Blue, from, world.Blue.Requests);
        var green = await WindowAsync(world, Arm.Green, from, world.Green.Requests);
        Assert.Equal(1, blue.Http5xxCount);
        Assert.Equal(1, blue.ErrorCount);
        Assert.Equal(0, green.Http5xxCount);
        Assert.Equal("idx-blue", blue.Versions?.IndexHash);
        Assert.Equal("idx-green", green.Versions?.IndexHash);
    }

    private static async Task<TelemetryWindow> WindowAsync(EdgeWorld world, Arm arm, DateTimeOffset from, long served)
    {
        var grain = world.FixtureClient.GetGrain<ITelemetryGrain>(TelemetryKey.Format(world.Service, EdgeWorld.Region, arm));
        return await Poll.UntilAsync(
            () => grain.GetWindowAsync(from, DateTimeOffset.UtcNow.AddMinutes(1)),
            w => w.RequestCount == served,
            $"{arm.ToWire()}'s telemetry window to count the {served} requests its server saw");
    }
}
