using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Coordinator.Campaigns;
using Coordinator.Grains;
using Coordinator.Grains.Campaigns;
using Coordinator.Grains.Notifications;
using Coordinator.Hosting.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

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
            silo.Configure<ClusterMembershipOptions>(o => ApplyMembership(o, options));
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }

        return silo.AddCoordinatorStorage(options);
    }

    /// <summary>
    /// Failure detection for a small multi-silo cluster: a SIGKILLed silo is declared dead after
    /// <see cref="CoordinatorSiloOptions.MissedProbesLimit"/> missed probes instead of Orleans' ~15 s, so its
    /// grains reactivate on a survivor within seconds. One silo (embedded mode) keeps Orleans' defaults.
    /// </summary>
    public static void ApplyMembership(ClusterMembershipOptions membership, CoordinatorSiloOptions options)
    {
        membership.ProbeTimeout = TimeSpan.FromMilliseconds(options.ProbeTimeoutMilliseconds);
        membership.NumMissedProbesLimit = options.MissedProbesLimit;
        membership.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(options.DeathVoteExpirationSeconds);
        membership.TableRefreshTimeout = TimeSpan.FromSeconds(options.MembershipTableRefreshSeconds);
        membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(options.IAmAlivePublishSeconds);
    }

    /// <summary>Grain storage, reminders and the flip stream, without clustering (test clusters bring their own).</summary>
    public static ISiloBuilder AddCoordinatorStorage(this ISiloBuilder silo, CoordinatorSiloOptions options)
    {
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddSingleton(Options.Create(options.ToConsumerPointerOptions()));
        silo.Services.AddSingleton(options.ToAuditKey());

        // One evaluator (and so one embedder, loaded on first use) per silo, for campaigns whose spec names a gold set.
        silo.Services.TryAddSingleton<IWarmEvaluator>(_ => new GoldWarmEvaluator());
        silo.Services.AddSingleton(Options.Create(new CampaignWakeOptions { Period = TimeSpan.FromSeconds(options.CampaignWakeSeconds) }));

        // Webhooks: one shared client (no redirects); retries are scheduled by the delivery grains, durably.
        silo.Services.AddSingleton(Options.Create(options.ToWebhookDeliveryOptions()));
        silo.Services.TryAddSingleton<IWebhookSender>(sp => new HttpWebhookSender(HttpWebhookSender.CreateClient(), sp.GetRequiredService<IOptions<WebhookDeliveryOptions>>()));

        // Orleans refuses reminder periods under its minimum (one minute by default); the wake-up reminder is shorter.
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(Math.Min(60, options.CampaignWakeSeconds)));

        // Store grain state with the Orleans serializer rather than the Newtonsoft JSON default:
        // it round-trips immutable records and collections, and honours [Id]/[Alias] versioning
        // instead of depending on .NET type names.
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        if (options.StorageMode == StorageMode.Azure)
        {
            var connection = options.AzureStorageConnectionString;
            silo.Services.AddSingleton(new CoordinatorStorageKind(InMemory: false));
            silo.AddAzureBlobGrainStorage(StorageNames.Coordinator, o =>
            {
                o.BlobServiceClient = new BlobServiceClient(connection);

                // Blob names carry no ServiceId: one container per service keeps deployments that
                // share a storage account from reading each other's pointers.
                o.ContainerName = $"{options.ServiceId.ToLowerInvariant()}-grainstate";
            });
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
            silo.Services.AddSingleton(new CoordinatorStorageKind(InMemory: true));
            silo.AddMemoryGrainStorage(StorageNames.PubSub);
            silo.UseInMemoryReminderService();
            AddPolledMemoryStreams(silo, FlipStream.ProviderName);
        }

        // Flip events never touch storage, in either mode (a flip's one write is its state).
        AddPolledMemoryStreams(silo, FlipStream.NoticeProviderName);
        return silo;
    }

    /// <summary>
    /// Notices are tiny and rare: two in-memory queues polled every 2 ms let subscribers learn of a change within
    /// milliseconds (the default is 8 queues polled every 100 ms).
    /// </summary>
    private static void AddPolledMemoryStreams(ISiloBuilder silo, string provider) =>
        silo.AddMemoryStreams(provider, b =>
        {
            b.ConfigurePartitioning(FlipStream.MemoryQueueCount);
            b.ConfigurePullingAgent(a => a.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(2)));
        });
}
