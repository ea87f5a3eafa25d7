using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coordinator.Edge.Routing;

namespace Coordinator.EdgeTests.Edge;

/// <summary>The edge sends each request to the arm the pointer says is active, on real Kestrel upstreams and a real silo.</summary>
[Collection(EdgeCollection.Name)]
public sealed class EdgeRoutingTests(EdgeFixture fixture)
{
    [Fact]
    public async Task A_flip_moves_new_requests_to_the_new_arm_and_they_stay_there()
    {
        await using var world = await EdgeWorld.StartAsync(fixture, "flip");
        var edge = await world.StartEdgeAsync();
        using var client = world.ClientFor(edge);
        var before = (await world.Pointer.GetActiveArmAsync()).Epoch;

        var first = await world.GetAsync(client, "/ask");
        Assert.Equal(new Routed("blue", before, "blue"), first);

        var epoch = await world.FlipAsync(Arm.Green);
        await world.UntilRoutedAsync(client, Arm.Green, epoch);
        var blueServed = world.Blue.Requests;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(new Routed("green", epoch, "green"), await world.GetAsync(client, "/ask"));
        }

        Assert.Equal(blueServed, world.Blue.Requests);
    }

    [Fact]
    public async Task Every_response_carries_the_edges_arm_and_epoch_and_the_arm_receives_the_epoch()
    {
        await using var world = await EdgeWorld.StartAsync(fixture, "headers");
        var edge = await world.StartEdgeAsync();
        using var client = world.ClientFor(edge);
        var epoch = await world.FlipAsync(Arm.Green);
        await world.UntilRoutedAsync(client, Arm.Green, epoch);

        using var response = await client.GetAsync($"/{world.Service}/ask");

        // The upstream sent its own x-coordinator-arm; the edge's value replaces it, once.
        Assert.Equal(["green"], response.Headers.GetValues(EdgeHeaders.Arm));
        Assert.Equal([epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)], response.Headers.GetValues(EdgeHeaders.Epoch));
        Assert.Equal([epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)], response.Headers.GetValues(Upstream.SeenEpochHeader));
        // The prefix is removed before forwarding: the arm serves at its own root.
        Assert.Equal("green /ask", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_in_flight_during_a_flip_completes_on_the_arm_it_started_on()
    {
        await using var world = await EdgeWorld.StartAsync(fixture, "inflight");
        var edge = await world.StartEdgeAsync();
        using var client = world.ClientFor(edge);
        var before = (await world.Pointer.GetActiveArmAsync()).Epoch;

        var slow = client.GetAsync($"/{world.Service}/slow");
        await world.Blue.SlowEntered.WaitAsync(TimeSpan.FromSeconds(30));
        var epoch = await world.FlipAsync(Arm.Green);
        await world.UntilRoutedAsync(client, Arm.Green, epoch);
        world.Blue.Release();

        using var response = await slow.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Routed("blue", before, "blue"), Routed.Of(response));
        Assert.Equal("blue /slow", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_edge_started_after_a_flip_routes_to_the_flipped_arm_from_its_first_request()
    {
        await using var world = await EdgeWorld.StartAsync(fixture, "restart");
        var before = (await world.Pointer.GetActiveArmAsync()).Epoch;
        await using (var first = await world.StartUntrackedEdgeAsync())
        {
            using var client = world.ClientFor(first);
            Assert.Equal(new Routed("blue", before, "blue"), await world.GetAsync(client, "/ask"));
        }

        var epoch = await world.FlipAsync(Arm.Green);
        var greenBefore = world.Green.Requests;
        var blueBefore = world.Blue.Requests;
        var restarted = await world.StartEdgeAsync();
        using var restartedClient = world.ClientFor(restarted);

        Assert.Equal(new Routed("green", epoch, "green"), await world.GetAsync(restartedClient, "/ask"));
        Assert.Equal(greenBefore + 1, world.Green.Requests);
        Assert.Equal(blueBefore, world.Blue.Requests);
    }

    [Fact]
    public async Task An_active_arm_without_an_endpoint_in_the_region_is_a_503_naming_it_and_never_the_other_arm()
    {
        await using var world = await EdgeWorld.StartAsync(fixture, "noendpoint", greenEndpoint: false);
        var edge = await world.StartEdgeAsync();
        using var client = world.ClientFor(edge);
        Assert.Equal("blue", (await world.GetAsync(client, "/ask")).Arm);

        var epoch = await world.FlipAsync(Arm.Green);
        using var response = await Poll.UntilAsync(
            () => client.GetAsync($"/{world.Service}/ask"),
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
            "the edge to answer 503 once Green, which has no endpoint, is active");
        var blueServed = world.Blue.Requests;

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("green", detail, StringComparison.Ordinal);
        Assert.Contains("no endpoint for region eu-west", detail, StringComparison.Ordinal);
        Assert.Equal("urn:coordinator:problem:edge-no-endpoint", problem.GetProperty("type").GetString());
        Assert.Equal(epoch, problem.GetProperty("epoch").GetInt64());
        Assert.Equal(new Routed("green", epoch, null), Routed.Of(response));

        using var again = await client.GetAsync($"/{world.Service}/ask");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        Assert.Equal(blueServed, world.Blue.Requests);
        Assert.Equal(0, world.Green.Requests);
        var status = Assert.Single(edge.Status());
        Assert.Null(status.Destination);
        Assert.Equal("none", status.Health);
        Assert.Contains("no endpoint", status.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edge_started_before_any_manifest_answers_503_and_routes_once_the_active_arm_is_registered()
    {
        await using var world = await EdgeWorld.StartAsync(fixture, "nomanifest", registerArms: false);
        var edge = await world.StartEdgeAsync();
        using var client = world.ClientFor(edge);

        using (var response = await client.GetAsync($"/{world.Service}/ask"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("urn:coordinator:problem:edge-no-manifest", problem.GetProperty("type").GetString());
            Assert.Contains("blue has no registered manifest", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await world.Pointer.RegisterArmAsync(Arm.Blue, EdgeWorld.Manifest("idx-blue", world.Blue, null), "edge-tests");
        var epoch = (await world.Pointer.GetActiveArmAsync()).Epoch;

        await world.UntilRoutedAsync(client, Arm.Blue, epoch);
        Assert.Equal(0, world.Green.Requests);
    }
}
