using System.Net;
using System.Net.Sockets;
using Coordinator.Client;
using Coordinator.Hosting;

namespace Coordinator.Benchmarks.Cluster;

/// <summary>
/// One benchmark cluster: a silo's "Coordinator" settings and the matching client settings. Ids are
/// unique per run and ports are picked free, so a run never joins or collides with another cluster
/// on this machine (other work trees run silos and Azurite concurrently).
/// </summary>
internal sealed record SiloSpec
{
    public required string StorageMode { get; init; }
    public required string ClusterId { get; init; }
    public required string ServiceId { get; init; }
    public required int SiloPort { get; init; }
    public required int GatewayPort { get; init; }
    public required int HttpPort { get; init; }
    public string? AzureStorageConnectionString { get; init; }

    /// <summary>Base64 audit key for azure mode, random per spec.</summary>
    public string AuditKey { get; init; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Experiment only: overrides the flip stream's queue polling period on the silo.</summary>
    public int? StreamPollMs { get; init; }

    public static SiloSpec Create(string storageMode, string runId, string? azureConnection, int? streamPollMs)
    {
        var ports = FreePorts.Take(3);
        var id = $"bench-{storageMode}-{runId}";
        return new SiloSpec
        {
            StorageMode = storageMode,
            ClusterId = id,
            ServiceId = id,
            SiloPort = ports[0],
            GatewayPort = ports[1],
            HttpPort = ports[2],
            AzureStorageConnectionString = azureConnection,
            StreamPollMs = streamPollMs,
        };
    }

    /// <summary>Another silo of the same cluster, on ports free now.</summary>
    public SiloSpec WithFreePorts()
    {
        var ports = FreePorts.Take(3);
        return this with { SiloPort = ports[0], GatewayPort = ports[1], HttpPort = ports[2] };
    }

    /// <summary>The silo's configuration as "Coordinator__Key" environment variables.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment()
    {
        const string p = CoordinatorSiloOptions.Section + "__";
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [p + nameof(CoordinatorSiloOptions.StorageMode)] = StorageMode,
            [p + nameof(CoordinatorSiloOptions.ClusterId)] = ClusterId,
            [p + nameof(CoordinatorSiloOptions.ServiceId)] = ServiceId,
            [p + nameof(CoordinatorSiloOptions.SiloPort)] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [p + nameof(CoordinatorSiloOptions.GatewayPort)] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [p + nameof(CoordinatorSiloOptions.HttpPort)] = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [p + nameof(CoordinatorSiloOptions.AdvertisedIPAddress)] = IPAddress.Loopback.ToString(),

            // The bench calls the HTTP API on loopback without tokens, in azure mode too (told so explicitly),
            // and figure 15c holds 100 event streams as one (anonymous) principal.
            [p + "Api__Authentication"] = "none",
            [p + "Api__AllowUnauthenticated"] = "true",
            [p + "Api__MaxStreamsPerPrincipal"] = "1000",
        };
        if (AzureStorageConnectionString is { } connection)
        {
            env[p + nameof(CoordinatorSiloOptions.AzureStorageConnectionString)] = connection;

            // Azure mode requires an audit key; a bench run's storage is its own, so a fresh one will do.
            env[p + nameof(CoordinatorSiloOptions.AuditKey)] = AuditKey;
        }

        if (StreamPollMs is { } poll)
        {
            env[SiloChild.StreamPollVariable] = poll.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return env;
    }

    public CoordinatorClientOptions ClientOptions() => new()
    {
        StorageMode = StorageMode,
        ClusterId = ClusterId,
        ServiceId = ServiceId,
        GatewayPort = GatewayPort,
        AzureStorageConnectionString = AzureStorageConnectionString,
    };

    /// <summary>Ports the OS reports free now (held together so they differ from each other).</summary>
}
