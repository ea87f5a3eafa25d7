using Orleans.TestingHost;

namespace Coordinator.ClusterTests.Reliability;

/// <summary>
/// A one-silo cluster whose coordinator storage can hold a write open and then fail it, notes every
/// segment grain written, and can hold segment reads.
/// </summary>
public sealed class HeldWriteClusterFixture : ClusterFixture
{
    protected override short Silos => 1;

    protected override void Configure(TestClusterBuilder builder)
    {
        builder.AddSiloBuilderConfigurator<HeldWriteStorageConfigurator>();
        builder.AddSiloBuilderConfigurator<SegmentStorageLogConfigurator>();
    }
}

[CollectionDefinition(Name)]
public sealed class HeldWriteCollection : ICollectionFixture<HeldWriteClusterFixture>
{
    public const string Name = "one silo, held writes";
}
