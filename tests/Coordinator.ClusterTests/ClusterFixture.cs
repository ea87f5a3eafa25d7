using Coordinator.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests;

/// <summary>One three-silo in-memory cluster shared by the collection; tests isolate by region name.</summary>
public class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>How many silos the cluster starts with.</summary>
    protected virtual short Silos => 3;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(Silos);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Configure(builder);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>More silo or client configuration for a fixture of its own (runs after the product's).</summary>
    protected virtual void Configure(TestClusterBuilder builder)
    {
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddCoordinatorStorage(new CoordinatorSiloOptions());
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            clientBuilder.AddMemoryStreams(FlipStream.ProviderName, b => b.ConfigurePartitioning(FlipStream.MemoryQueueCount));
            clientBuilder.AddMemoryStreams(FlipStream.NoticeProviderName, b => b.ConfigurePartitioning(FlipStream.MemoryQueueCount));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "three-silo cluster";
}
