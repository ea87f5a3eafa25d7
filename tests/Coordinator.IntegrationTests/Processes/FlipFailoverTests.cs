using Coordinator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Processes;

/// <summary>A region whose grain lived on a SIGKILLed silo flips on a survivor.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class FlipFailoverTests(SiloProcessTrio trio, ITestOutputHelper output) : IClassFixture<SiloProcessTrio>
{
    // A correctness bound (the flip must land on a survivor), not a speed measurement: see the failover benchmark.
    private static readonly TimeSpan FailoverDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public Task A_flip_of_a_region_on_the_killed_silo_succeeds_on_a_survivor_exactly_once() => trio.DumpingOutputOnFailureAsync(output, async () =>
    {
        var pointer = trio.Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(TestIds.New("svc"), "eu-west"));
        await Samples.RegisterBothAsync(pointer);
        var host = await trio.Management.GetActivationAddress(pointer);
        Assert.NotNull(host);
        await trio.KillAsync(host.Endpoint.Port);

        // One request retried under its idempotency key: an attempt that landed before its answer was
        // lost is answered again, never applied twice.
        var flip = Samples.Flip(Arm.Green, expectedEpoch: 0);
        var result = await Poll.SucceedsAsync(
            () => pointer.FlipAsync(flip),
            $"a flip of a region whose grain lived on the killed silo (port {host.Endpoint.Port})",
            FailoverDeadline);

        Assert.Equal(1, result.Epoch);
        Assert.Equal(Arm.Green, result.To);
        var view = await pointer.GetActiveArmAsync();
        Assert.Equal((Arm.Green, 1L), (view.ActiveArm, view.Epoch));

        var survivor = await trio.Management.GetActivationAddress(pointer);
        Assert.NotNull(survivor);
        Assert.NotEqual(host.Endpoint.Port, survivor.Endpoint.Port);
        Assert.Contains(survivor.Endpoint.Port, trio.Ports.Select(p => p.Silo));
    });
}
