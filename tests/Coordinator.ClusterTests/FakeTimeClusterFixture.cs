using Coordinator.ClusterTests.Reliability;
using Coordinator.TestKit;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests;

/// <summary>Three silos on fake time, whose storage counts (and can hold) each grain's state reads (<see cref="StateReadLog"/>).</summary>
public sealed class FakeTimeClusterFixture : FakeClockClusterFixture<FakeTimeClusterFixture>
{
    protected override void ConfigureSilos(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<StateReadLogConfigurator>();

    private sealed class StateReadLogConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.WrapCoordinatorStorage(inner => new StateReadLog(inner));
    }
}

[CollectionDefinition(Name)]
public sealed class FakeTimeClusterCollection : ICollectionFixture<FakeTimeClusterFixture>
{
    public const string Name = "three-silo cluster on fake time";
}
