using Azure.Data.Tables;
using Coordinator.Client;
using Coordinator.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Coordinator.IntegrationTests.Infrastructure;

/// <summary>
/// Silos and client of a <see cref="TestCluster"/> in azure mode: Azure Table clustering plus the
/// product's own storage set-up (<see cref="CoordinatorSiloBuilderExtensions.AddCoordinatorStorage"/>),
/// from the "Coordinator" settings that <see cref="AzureTestCluster"/> puts into the configuration.
/// </summary>
public sealed class AzureClusterConfigurator : ISiloConfigurator, IClientBuilderConfigurator
{
    /// <summary>"true" to detect dead silos in seconds rather than the production default (tens of seconds).</summary>
    public const string FastFailureDetectionKey = "CoordinatorTests:FastFailureDetection";

    public void Configure(ISiloBuilder siloBuilder)
    {
        // The product's reader: validates the same keys a deployed silo reads.
        var options = CoordinatorSiloOptionsReader.Read(siloBuilder.Configuration);
        siloBuilder.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(options.AzureStorageConnectionString));
        siloBuilder.AddCoordinatorStorage(options);

        if (string.Equals(siloBuilder.Configuration[FastFailureDetectionKey], "true", StringComparison.OrdinalIgnoreCase))
        {
            siloBuilder.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            });
        }
    }

    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var section = configuration.GetSection(CoordinatorSiloOptions.Section);
        clientBuilder.UseCoordinatorCluster(new CoordinatorClientOptions
        {
            StorageMode = StorageMode.Azure,
            ClusterId = section[nameof(CoordinatorClientOptions.ClusterId)]!,
            ServiceId = section[nameof(CoordinatorClientOptions.ServiceId)]!,
            AzureStorageConnectionString = section[nameof(CoordinatorClientOptions.AzureStorageConnectionString)],
        });
    }
}
