using Coordinator.Hosting;
using Coordinator.IntegrationTests.Infrastructure;

namespace Coordinator.IntegrationTests.Notifications;

/// <summary>
/// A three-silo Azure cluster for the webhook crash cases: storage wrapped in <see cref="CrashingGrainStorage"/>
/// (to stop a campaign right after a save) and webhook retries a few hundred milliseconds apart.
/// Each case kills one silo and starts another; cases isolate by service name.
/// </summary>
public sealed class WebhookClusterFixture : IAsyncLifetime
{
    public AzureTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Cluster = await AzureTestCluster.StartAsync(ClusterIdentity.New(), silos: 3, fastFailureDetection: true, configure: b =>
        {
            b.AddSiloBuilderConfigurator<CrashingStorageConfigurator>();
            b.Properties[$"{CoordinatorSiloOptions.Section}:{nameof(CoordinatorSiloOptions.WebhookInitialBackoffMilliseconds)}"] = "200";
            b.Properties[$"{CoordinatorSiloOptions.Section}:{nameof(CoordinatorSiloOptions.WebhookMaxBackoffSeconds)}"] = "2";
        });

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
