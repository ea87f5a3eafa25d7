using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Coordinator.TestKit;

/// <summary>The storage account under test: Azurite unless COORDINATOR_TEST_AZURE_STORAGE says otherwise.</summary>
public static class Azurite
{
    /// <summary>Trait "Category" of every test here: `dotnet test --filter Category!=Azurite` leaves them out.</summary>
    public const string Category = "Azurite";

    public const string EnvironmentVariable = "COORDINATOR_TEST_AZURE_STORAGE";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly Lazy<Task> Probe = new(ProbeAsync);

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : DevelopmentStorage;

    /// <summary>
    /// Throws, with instructions, unless blob, queue and table storage all answer within a few seconds.
    /// Probed once per test run.
    /// </summary>
    public static Task EnsureReachableAsync() => Probe.Value;

    private static async Task ProbeAsync()
    {
        var connection = ConnectionString;
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            await foreach (var _ in new TableServiceClient(connection, Quick(new TableClientOptions())).QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token))
            {
                break;
            }

            await new BlobServiceClient(connection, Quick(new BlobClientOptions())).GetPropertiesAsync(timeout.Token);
            await new QueueServiceClient(connection, Quick(new QueueClientOptions())).GetPropertiesAsync(timeout.Token);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                $"Azure storage at '{Redact(connection)}' did not answer within {ProbeTimeout.TotalSeconds:0} s "
                + $"({ex.GetType().Name}: {FirstLine(ex.Message)}). These integration tests need Azurite: run them with "
                + "`bash infra/run-tests.sh`, which installs and starts it, or start it yourself with "
                + "`bash infra/azurite.sh install && bash infra/azurite.sh start` (stop it with `bash infra/azurite.sh stop`).",
                ex);
        }
    }

    private static T Quick<T>(T options)
        where T : ClientOptions
    {
        // Fail fast: the default retry policy would keep knocking for half a minute.
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = ProbeTimeout;
        return options;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>Never print an account key into test output.</summary>
    private static string Redact(string connection) =>
        connection.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase) ? "<connection string with an account key>" : connection;
}
