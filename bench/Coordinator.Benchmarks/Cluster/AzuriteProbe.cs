using Azure.Core;
using Azure.Data.Tables;

namespace Coordinator.Benchmarks.Cluster;

/// <summary>Whether the azure-mode storage answers at all, decided quickly and without retries.</summary>
internal static class AzuriteProbe
{
    public static async Task<string?> WhyUnreachableAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var options = new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(3), Mode = RetryMode.Fixed } };
            var tables = new TableServiceClient(connectionString, options);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token))
            {
                break;
            }

            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ex.GetBaseException().Message.Split('\n')[0].Trim();
        }
    }
}
