using Coordinator.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Coordinator.IntegrationTests.Infrastructure;

/// <summary>
/// An in-process <see cref="TestCluster"/> whose membership, grain state, reminders and streams live
/// in Azure storage (Azurite). Two clusters started with the same <see cref="ClusterIdentity.ServiceId"/>
/// share grain state, which is how the tests restart "the same deployment".
/// </summary>
public sealed class AzureTestCluster : IAsyncDisposable
{
    private bool _stopped;

    private AzureTestCluster(TestCluster cluster, ClusterIdentity identity)
    {
        Cluster = cluster;
        Identity = identity;
    }

    public TestCluster Cluster { get; }

    public ClusterIdentity Identity { get; }

    public IClusterClient Client => Cluster.Client;

    public IManagementGrain Management => Client.GetGrain<IManagementGrain>(0);

    /// <param name="configure">Adds to the product's set-up, e.g. silo configurators that wrap a provider.</param>
    public static async Task<AzureTestCluster> StartAsync(
        ClusterIdentity identity, short silos = 1, bool fastFailureDetection = false, Action<TestClusterBuilder>? configure = null)
    {
        await Azurite.EnsureReachableAsync();
        var builder = new TestClusterBuilder(silos);

        // With Azure clustering the test cluster has no primary silo: cluster.Primary is null.
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ClusterId = identity.ClusterId;
        builder.Options.ServiceId = identity.ServiceId;

        const string s = CoordinatorSiloOptions.Section;
        builder.Properties[$"{s}:{nameof(CoordinatorSiloOptions.StorageMode)}"] = StorageMode.Azure;
        builder.Properties[$"{s}:{nameof(CoordinatorSiloOptions.ClusterId)}"] = identity.ClusterId;
        builder.Properties[$"{s}:{nameof(CoordinatorSiloOptions.ServiceId)}"] = identity.ServiceId;
        builder.Properties[$"{s}:{nameof(CoordinatorSiloOptions.AzureStorageConnectionString)}"] = Azurite.ConnectionString;
        builder.Properties[$"{s}:{nameof(CoordinatorSiloOptions.AuditKey)}"] = TestAuditKey.Base64;
        builder.Properties[AzureClusterConfigurator.FastFailureDetectionKey] = fastFailureDetection ? "true" : "false";
        builder.AddSiloBuilderConfigurator<AzureClusterConfigurator>();
        builder.AddClientBuilderConfigurator<AzureClusterConfigurator>();
        configure?.Invoke(builder);

        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new AzureTestCluster(cluster, identity);
    }

    /// <summary>The silos that report an activation of <paramref name="grainId"/> in their own catalog.</summary>
    public async Task<SiloAddress[]> HostsOfAsync(GrainId grainId, SiloAddress[] silos)
    {
        var statistics = await Management.GetDetailedGrainStatistics(hostsIds: silos);
        return statistics.Where(s => s.GrainId == grainId).Select(s => s.SiloAddress).Distinct().ToArray();
    }

    public ISwitchoverGrain Region(string service, string region) =>
        Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));

    /// <summary>Stops every silo and the client: afterwards only storage remembers anything.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
