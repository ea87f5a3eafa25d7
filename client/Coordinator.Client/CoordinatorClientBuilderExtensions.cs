using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace Coordinator.Client;

/// <summary>Configures an Orleans client for a Coordinator cluster.</summary>
public static class CoordinatorClientBuilderExtensions
{
    /// <summary>
    /// Points an Orleans client at a Coordinator cluster, with the flip stream configured; calls that a
    /// just-killed silo refused are retried (see <see cref="CoordinatorClientOptions.FailoverRetrySeconds"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static IClientBuilder UseCoordinatorCluster(this IClientBuilder client, CoordinatorClientOptions options)
    {
        var failures = options.Validate();
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, failures), nameof(options));
        }

        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });

        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(options.GatewayListRefreshSeconds));
        client.Services.TryAddSingleton(TimeProvider.System);
        client.Services.AddSingleton<IOutgoingGrainCallFilter>(services => ActivatorUtilities.CreateInstance<FailoverRetryFilter>(services, options));
        if (options.StorageMode == "azure")
        {
            var connection = options.AzureStorageConnectionString;
            client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(connection));
            client.AddAzureQueueStreams(FlipStream.ProviderName, b => b.ConfigureAzureQueue(q => q.Configure(o =>
            {
                o.QueueServiceClient = new QueueServiceClient(connection);
                o.QueueNames = StreamQueues.Names(options.ServiceId, options.StreamQueueCount);
            })));
        }
        else
        {
            client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
            client.AddMemoryStreams(FlipStream.ProviderName, b => b.ConfigurePartitioning(FlipStream.MemoryQueueCount));
        }

        client.AddMemoryStreams(FlipStream.NoticeProviderName, b => b.ConfigurePartitioning(FlipStream.MemoryQueueCount));

        return client;
    }
}
