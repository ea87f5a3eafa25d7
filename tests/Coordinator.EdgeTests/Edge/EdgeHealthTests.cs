using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Coordinator.EdgeTests.Edge;

/// <summary>An unhealthy active arm is reported and still routed to: only the pointer changes the arm.</summary>
[Collection(EdgeCollection.Name)]
public sealed class EdgeHealthTests(EdgeFixture fixture)
{
    [Fact]
    public async Task An_unhealthy_active_arm_is_reported_and_keeps_its_traffic_and_the_other_arm_gets_none()
    {
        await using var world = await EdgeWorld.StartAsync(fixture, "health", healthPath: "/healthz");
        var edge = await world.StartEdgeAsync(world.Options(healthInterval: TimeSpan.FromMilliseconds(200)));
        using var client = world.ClientFor(edge);
        var epoch = (await world.Pointer.GetActiveArmAsync()).Epoch;
        await Poll.UntilAsync(() => StatusAsync(client, world.Service), s => s.Health == "healthy", "blue's health checks to pass");

        world.Blue.HealthStatus = StatusCodes.Status503ServiceUnavailable;
        var unhealthy = await Poll.UntilAsync(() => StatusAsync(client, world.Service), s => s.Health == "unhealthy", "the edge to report blue unhealthy");

        Assert.Equal(("blue", epoch, world.Blue.Url, "unhealthy"), (unhealthy.Arm, unhealthy.Epoch, unhealthy.Destination, unhealthy.ActiveHealth));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(new Routed("blue", epoch, "blue"), await world.GetAsync(client, "/ask"));
        }

        Assert.Equal(0, world.Green.Requests);
        Assert.Equal(0, world.Green.HealthChecks);

        world.Blue.HealthStatus = StatusCodes.Status200OK;
        await Poll.UntilAsync(() => StatusAsync(client, world.Service), s => s.Health == "healthy", "the edge to report blue healthy again");
    }

    private static async Task<ServiceStatus> StatusAsync(HttpClient client, string service)
    {
        var document = await client.GetFromJsonAsync<JsonElement>("/edge/status");
        var entry = document.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("service").GetString() == service);
        return new ServiceStatus(
            entry.GetProperty("arm").GetString(),
            entry.GetProperty("epoch").GetInt64(),
            entry.GetProperty("destination").GetString(),
            entry.GetProperty("health").GetString()!,
            entry.GetProperty("active_health").GetString()!);
    }

    private sealed record ServiceStatus(string? Arm, long Epoch, string? Destination, string Health, string ActiveHealth);
}
