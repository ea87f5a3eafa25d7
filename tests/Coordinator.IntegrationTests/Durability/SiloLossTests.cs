using Coordinator.IntegrationTests.Infrastructure;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Durability;

/// <summary>Losing the silo that hosts a region's pointer loses no state: it comes back elsewhere from storage.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class SiloLossTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killing_the_hosting_silo_reactivates_the_pointer_on_a_survivor_with_its_state()
    {
        await using var cluster = await AzureTestCluster.StartAsync(ClusterIdentity.New(), silos: 2, fastFailureDetection: true);
        var service = TestIds.New("svc");
        var pointer = cluster.Region(service, "ap-south");
        await Samples.RegisterBothAsync(pointer);
        await pointer.FlipAsync(Samples.Flip(Arm.Green, expectedEpoch: 0));
        var before = await pointer.GetActiveArmAsync();

        var grainId = pointer.GetGrainId();
        var allSilos = cluster.Cluster.Silos.Select(s => s.SiloAddress).ToArray();
        var hosts = await cluster.HostsOfAsync(grainId, allSilos);
        var doomed = Assert.Single(hosts);
        var victim = cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(doomed));
        var survivors = allSilos.Where(a => !a.Equals(doomed)).ToArray();
        output.WriteLine($"{grainId} lives on {doomed}; killing it, survivors: {string.Join(", ", survivors.Select(s => s.ToString()))}");

        await cluster.Cluster.KillSiloAsync(victim);

        // Poll until the pointer answers again and a survivor, not the dead silo, holds the activation.
        var (after, newHost) = await Poll.UntilAsync(
            async () =>
            {
                var view = await pointer.GetActiveArmAsync();
                var now = await cluster.HostsOfAsync(grainId, survivors);
                return (View: view, Host: now.Length == 1 ? now[0] : null);
            },
            answer => answer.Host is not null,
            $"{grainId} to answer from a silo other than the killed {doomed}",
            RecoveryDeadline,
            errorsMeanNotYet: true);
        output.WriteLine($"{grainId} answered from {newHost} after the kill");

        Assert.NotEqual(doomed, newHost);
        Assert.Equal(before, after);
        Assert.Equal(1, after.Epoch);
        Assert.Equal(Samples.Blue, after.Blue);
        Assert.Equal(Samples.Green, after.Green);

        // The reactivated pointer accepts the next decision made on the epoch it had before the crash.
        var rollback = await pointer.FlipAsync(Samples.Flip(Arm.Blue, expectedEpoch: 1, reason: "roll back after silo loss"));
        Assert.Equal(2, rollback.Epoch);
        var verification = await pointer.VerifyAuditAsync();
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal(4, verification.EntryCount);
    }
}
