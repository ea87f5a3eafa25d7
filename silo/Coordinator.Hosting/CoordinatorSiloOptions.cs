using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Grains.Notifications;
using Coordinator.Notifications;

namespace Coordinator.Hosting;

/// <summary>The silo's settings, bound from the "Coordinator" configuration section.</summary>
public sealed class CoordinatorSiloOptions
{
    public const string Section = "Coordinator";

    /// <summary>"embedded" (default, in-memory, one silo) or "azure" (durable, multi-silo).</summary>
    public string StorageMode { get; set; } = Hosting.StorageMode.Embedded;

    /// <summary>Silos with the same ClusterId form one cluster.</summary>
    public string ClusterId { get; set; } = "coordinator";

    /// <summary>Stable across deployments: grain state is keyed by it.</summary>
    public string ServiceId { get; set; } = "coordinator";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Port of the HTTP health endpoints (/healthz/live, /healthz/ready).</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>The address other silos and clients reach this silo on.</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>Required in azure mode; "UseDevelopmentStorage=true" for Azurite.</summary>
    public string? AzureStorageConnectionString { get; set; }

    /// <summary>Azure queues behind the lease and campaign change stream (azure mode).</summary>
    public int StreamQueueCount { get; set; } = 4;

    /// <summary>How long consumer pointers remember idempotency keys.</summary>
    public int LedgerRetentionHours { get; set; } = 72;

    /// <summary>
    /// Most idempotency keys one consumer pointer remembers (about 14 bytes of silo memory a key, so
    /// 10 million is about 140 MB); past it a fail-closed group refuses new keys, a fail-open one evicts.
    /// </summary>
    public int LedgerMaxEntries { get; set; } = ConsumerPointerOptions.DefaultLedgerMaxEntries;

    /// <summary>A consumer instance silent for this long no longer counts for a drain.</summary>
    public int ConsumerInstanceTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Base64 of at least 32 secret bytes that key the audit chains (HMAC-SHA256); never stored with
    /// them. Required in azure mode; embedded mode uses <see cref="AuditKey.DemoNotSecret"/> when unset.
    /// </summary>
    public string? AuditKey { get; set; }

    /// <summary>The configured key, or the embedded mode's well-known demo key.</summary>
    /// <exception cref="InvalidOperationException">No usable key (validation reports the same by name).</exception>
    public AuditKey ToAuditKey()
    {
        if (string.IsNullOrWhiteSpace(AuditKey) && StorageMode != Hosting.StorageMode.Azure)
        {
            return Domain.AuditKey.DemoNotSecret;
        }

        return Domain.AuditKey.TryParse(AuditKey, out var problem)
            ?? throw new InvalidOperationException($"{Section}:{nameof(AuditKey)}: {problem}");
    }

    /// <summary>How long a silo waits for a liveness probe's answer; also the probe period (azure mode).</summary>
    public int ProbeTimeoutMilliseconds { get; set; } = 1000;

    /// <summary>Missed probes in a row after which a silo suspects (votes against) another.</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>How long a vote that a silo is dead counts towards declaring it dead.</summary>
    public int DeathVoteExpirationSeconds { get; set; } = 20;

    /// <summary>How often each silo re-reads the membership table, in case it missed a change.</summary>
    public int MembershipTableRefreshSeconds { get; set; } = 5;

    /// <summary>How often each silo writes its "I am alive" time to the membership table.</summary>
    public int IAmAlivePublishSeconds { get; set; } = 10;

    /// <summary>Period of a campaign's wake-up reminder, which resumes a campaign whose host crashed.</summary>
    public int CampaignWakeSeconds { get; set; } = 5;

    /// <summary>How long one webhook POST may take, connecting included, before it counts as failed.</summary>
    public int WebhookAttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>The first retry of a failed webhook event comes after half to all of this; each further one doubles it.</summary>
    public int WebhookInitialBackoffMilliseconds { get; set; } = 1000;

    /// <summary>The longest a webhook waits between two attempts of one event.</summary>
    public int WebhookMaxBackoffSeconds { get; set; } = 300;

    public WebhookDeliveryOptions ToWebhookDeliveryOptions() => new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(WebhookAttemptTimeoutSeconds),
        Backoff = new WebhookBackoff(TimeSpan.FromMilliseconds(WebhookInitialBackoffMilliseconds), TimeSpan.FromSeconds(WebhookMaxBackoffSeconds)),
    };

    public ConsumerPointerOptions ToConsumerPointerOptions() => new()
    {
        LedgerRetention = TimeSpan.FromHours(LedgerRetentionHours),
        LedgerMaxEntries = LedgerMaxEntries,
        InstanceTimeout = TimeSpan.FromSeconds(ConsumerInstanceTimeoutSeconds),
    };
}
