using Coordinator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests.Push;

/// <summary>
/// Two silos whose flip stream delivers nothing within a test (<see cref="SilentFlipStream"/>) and whose
/// grains run on <see cref="Clock"/>: a resolver here learns of a flip only by a pushed notice, or by a
/// re-read the test causes, and subscriptions expire only when the test moves the clock.
/// </summary>
public sealed class PushClusterFixture : IAsyncLifetime
{
    // Silos are built by the TestCluster, not by this fixture: they find the clock here (one fixture of this type at a time).
    private static FakeTimeProvider? _clock;

    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    public async Task InitializeAsync()
    {
        _clock = Clock;
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _clock = null;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddCoordinatorStorage(new CoordinatorSiloOptions());
            SilentFlipStream.Apply(siloBuilder);
            FakeSiloClock.Use(siloBuilder, _clock ?? throw new InvalidOperationException("the fixture sets the clock before deploying"));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddMemoryStreams(FlipStream.ProviderName, b => b.ConfigurePartitioning(FlipStream.MemoryQueueCount));
    }
}

[CollectionDefinition(Name)]
public sealed class PushClusterCollection : ICollectionFixture<PushClusterFixture>
{
    public const string Name = "two silos, silent flip stream, fake time";
}
