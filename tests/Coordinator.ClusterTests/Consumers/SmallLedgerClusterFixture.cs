using Coordinator.Consumers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests.Consumers;

/// <summary>A one-silo cluster whose consumer pointers remember at most 100 keys, in segments of 16.</summary>
public sealed class SmallLedgerClusterFixture : ClusterFixture
{
    public static readonly ConsumerPointerOptions Ledger = new() { LedgerMaxEntries = 100, LedgerSegmentSize = 16 };

    protected override short Silos => 1;

    protected override void Configure(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<SmallLedgerConfigurator>();

    private sealed class SmallLedgerConfigurator : ISiloConfigurator
    {
        // Registered after the product's options, so the pointers resolve these.
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.Services.AddSingleton(Options.Create(Ledger));
    }
}

[CollectionDefinition(Name)]
public sealed class SmallLedgerCollection : ICollectionFixture<SmallLedgerClusterFixture>
{
    public const string Name = "one silo, 100-key ledgers";
}
