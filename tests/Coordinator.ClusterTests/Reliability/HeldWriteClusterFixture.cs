using Coordinator.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests.Reliability;

/// <summary>A one-silo cluster whose coordinator storage can hold a write open and then fail it.</summary>
public sealed class HeldWriteClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddSiloBuilderConfigurator<HeldWriteStorageConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddCoordinatorStorage(new CoordinatorSiloOptions());
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddMemoryStreams(FlipStream.ProviderName, b => b.ConfigurePartitioning(FlipStream.MemoryQueueCount));
    }
}

[CollectionDefinition(Name)]
public sealed class HeldWriteCollection : ICollectionFixture<HeldWriteClusterFixture>
{
    public const string Name = "one silo, held writes";
}
