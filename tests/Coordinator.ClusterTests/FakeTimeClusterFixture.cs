using Coordinator.Hosting;
using Coordinator.TestKit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests;

/// <summary>
/// A three-silo in-memory cluster whose silos all read one <see cref="FakeTimeProvider"/>: grains,
/// and the Orleans grain timers that drive them, see only the time a test advances (Orleans 10
/// runs grain timers on the injected clock: a timer that is due fires inside
/// <see cref="FakeTimeProvider.Advance"/>, and never on its own).
/// </summary>
public sealed class FakeTimeClusterFixture : IAsyncLifetime
{
    // Silos are built by the TestCluster, not by this fixture: they find the clock here. One
    // fixture per collection, and collections with this fixture never run two at once.
    private static FakeTimeProvider? _clock;

    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    public async Task InitializeAsync()
    {
        _clock = Clock;
        var builder = new TestClusterBuilder(3);
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
            siloBuilder.WrapCoordinatorStorage(inner => new Reliability.StateReadLog(inner));
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
public sealed class FakeTimeClusterCollection : ICollectionFixture<FakeTimeClusterFixture>
{
    public const string Name = "three-silo cluster on fake time";
}
