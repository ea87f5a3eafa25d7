using Coordinator.TestKit;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests.Push;

/// <summary>
/// Two silos whose flip stream delivers nothing within a test (<see cref="SilentFlipStream"/>) and whose
/// grains run on <see cref="FakeClockClusterFixture{TSelf}.Clock"/>: a resolver here learns of a flip only by a
/// pushed notice, or by a re-read the test causes, and subscriptions expire only when the test moves the clock.
/// </summary>
public sealed class PushClusterFixture : FakeClockClusterFixture<PushClusterFixture>
{
    protected override short Silos => 2;

    protected override void ConfigureSilos(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<SilentStreamConfigurator>();

    private sealed class SilentStreamConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => SilentFlipStream.Apply(siloBuilder);
    }
}

[CollectionDefinition(Name)]
public sealed class PushClusterCollection : ICollectionFixture<PushClusterFixture>
{
    public const string Name = "two silos, silent flip stream, fake time";
}
