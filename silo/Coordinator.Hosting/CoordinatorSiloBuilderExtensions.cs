using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Coordinator.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Coordinator.Hosting;

/// <summary>Orleans silo configuration for both storage modes.</summary>
public static class CoordinatorSiloBuilderExtensions
{
    /// <summary>Clustering, endpoints, storage, reminders and streams, as <paramref name="options"/> say.</summary>
    public static ISiloBuilder AddCoordinatorSilo(this ISiloBuilder silo, CoordinatorSiloOptions options)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });

        if (options.StorageMode == StorageMode.Azure)
        {
            silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(options.AzureStorageConnectionString));
            silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedIPAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }

        return silo.AddCoordinatorStorage(options);
    }

    /// <summary>Grain storage, reminders and the flip stream, without clustering (test clusters bring their own).</summary>
    public static ISiloBuilder AddCoordinatorStorage(this ISiloBuilder silo, CoordinatorSiloOptions options)
    {
        silo.Services.AddSingleton(TimeProvider.System);
        if (options.StorageMode == StorageMode.Azure)
        {
            var connection = options.AzureStorageConnectionString;

            // The default (Newtonsoft, with reference tracking) writes SwitchoverState but cannot read it
            // back: "Cannot preserve reference to readonly dictionary" on ArmManifest.Labels. System.Text.Json
            // reads immutable collections and records, and stores no .NET type names.
            // Covered by tests/Coordinator.IntegrationTests (ClusterRestartTests, SiloLossTests).
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.AddAzureBlobGrainStorage(StorageNames.Coordinator, o => o.BlobServiceClient = new BlobServiceClient(connection));
            silo.AddAzureTableGrainStorage(StorageNames.PubSub, o => o.TableServiceClient = new TableServiceClient(connection));
            silo.UseAzureTableReminderService(o => o.TableServiceClient = new TableServiceClient(connection));
            silo.AddAzureQueueStreams(FlipStream.ProviderName, b => b.ConfigureAzureQueue(q => q.Configure(o =>
            {
                o.QueueServiceClient = new QueueServiceClient(connection);
                o.QueueNames = StreamQueues.Names(options.ServiceId, options.StreamQueueCount);
            })));
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageNames.Coordinator);
            silo.AddMemoryGrainStorage(StorageNames.PubSub);
            silo.UseInMemoryReminderService();
            silo.AddMemoryStreams(FlipStream.ProviderName);
        }

        return silo;
    }
}
