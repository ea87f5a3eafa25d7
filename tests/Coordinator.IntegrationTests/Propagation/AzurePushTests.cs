using Coordinator.Client;
using Coordinator.IntegrationTests.Infrastructure;
using Orleans.TestingHost;

namespace Coordinator.IntegrationTests.Propagation;

/// <summary>
/// Pushed flip notices in azure mode (Azure Blob state, in-memory flip stream) on two silos, with the
/// queue stream made silent: a resolver whose re-read does not fire within the test learns of each flip
/// only by push, and ignores a stale notice that arrives late.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class AzurePushTests
{
    [Fact]
    public async Task Flips_reach_a_resolver_by_push_in_azure_mode_and_a_late_stale_notice_is_ignored()
    {
        await using var cluster = await AzureTestCluster.StartAsync(
            ClusterIdentity.New(), silos: 2, configure: b => b.AddSiloBuilderConfigurator<SilentStreamConfigurator>());
        var service = TestIds.New("svc");
        var pointer = cluster.Region(service, "eu-west");
        await Samples.RegisterBothAsync(pointer);
        await using var resolver = new ActiveArmResolver(cluster.Client, new ActiveArmResolverOptions { RefreshInterval = TimeSpan.FromHours(1) });
        await resolver.GetAsync(service, "eu-west");

        await pointer.FlipAsync(Samples.Flip(Arm.Green, expectedEpoch: 0));
        await Poll.UntilAsync(() => resolver.TryGetCached(service, "eu-west")?.Epoch == 1, "the flip to Green to be pushed");
        await pointer.FlipAsync(Samples.Flip(Arm.Blue, expectedEpoch: 1));
        await Poll.UntilAsync(() => resolver.TryGetCached(service, "eu-west")?.Epoch == 2, "the flip back to Blue to be pushed");
        Assert.Equal(2, resolver.PushNoticesApplied);

        var current = await pointer.GetActiveArmAsync();
        await cluster.Client.GetGrain<IFlipNoticeGrain>(service).PublishAsync(new FlipNotice { View = current with { Epoch = 1, ActiveArm = Arm.Green } });
        await Poll.UntilAsync(() => resolver.StaleUpdatesIgnored >= 1, "the stale notice to arrive and be ignored");
        var held = await resolver.GetAsync(service, "eu-west");
        Assert.Equal((2L, Arm.Blue, Samples.Blue.IndexHash), (held.Epoch, held.Arm, held.IndexHash));
    }

    private sealed class SilentStreamConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => SilentFlipStream.Apply(siloBuilder);
    }
}
