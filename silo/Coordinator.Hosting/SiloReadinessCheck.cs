using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Coordinator.Hosting;

/// <summary>Ready only when this silo is an active cluster member and its storage answers.</summary>
public sealed class SiloReadinessCheck(
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    IOptions<CoordinatorSiloOptions> options) : IHealthCheck
{
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"silo {local.SiloAddress} is {status}, not an active cluster member");
        }

        var settings = options.Value;
        if (settings.StorageMode != StorageMode.Azure)
        {
            return HealthCheckResult.Healthy($"active member; storage is in memory ({StorageMode.Embedded}, not durable)");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StorageTimeout);
            var tables = new TableServiceClient(settings.AzureStorageConnectionString);
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token))
            {
                break;
            }

            return HealthCheckResult.Healthy("active member; azure storage answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("azure storage does not answer", ex);
        }
    }
}
