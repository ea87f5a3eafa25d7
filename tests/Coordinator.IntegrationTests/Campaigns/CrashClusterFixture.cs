using Coordinator.IntegrationTests.Infrastructure;

namespace Coordinator.IntegrationTests.Campaigns;

/// <summary>
/// One three-silo Azure cluster for every crash case, its coordinator storage wrapped in
/// <see cref="CrashingGrainStorage"/>. Each case kills one silo and starts another, so the cluster
/// keeps three; cases isolate by service name.
/// </summary>
public sealed class CrashClusterFixture : IAsyncLifetime
{
    public AzureTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Cluster = await AzureTestCluster.StartAsync(
            ClusterIdentity.New(), silos: 3, fastFailureDetection: true, configure: b => b.AddSiloBuilderConfigurator<CrashingStorageConfigurator>());

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
