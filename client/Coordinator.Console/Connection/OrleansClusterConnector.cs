using Coordinator.Client;
using Coordinator.Client.Connection;
using Coordinator.Console.App;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Coordinator.Console.Connection;

/// <summary>Builds and starts an Orleans client host per command; a failed start is reported as unreachable.</summary>
/// <param name="verboseLogs">With --debug: keep Orleans' connection warnings, which otherwise only repeat the console's own report.</param>
public sealed class OrleansClusterConnector(bool verboseLogs = false) : IClusterConnector
{
    /// <summary>How long a start may take before the cluster is declared unreachable (Azure retries can be slow).</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ManifestRetryInterval = TimeSpan.FromMilliseconds(500);

    public async Task<IClusterSession> ConnectAsync(CoordinatorClientOptions options, CancellationToken cancellationToken)
    {
        // No default configuration sources: an appsettings.json in the working directory or a
        // DOTNET_* variable must not change where the console connects or how loudly it logs.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Logging.UseQuietConsoleLogging();
        if (!verboseLogs)
        {
            // A refused connection is reported once, as exit code 4; not also as stack traces per attempt.
            builder.Logging.AddFilter("Orleans.Runtime.Messaging", LogLevel.Error);
            builder.Logging.AddFilter("Orleans.Messaging", LogLevel.Error);
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            // A gateway that died moments ago is skipped and retried by the client; not worth a stack trace.
            builder.Logging.AddFilter("Orleans.Runtime.ClientClusterManifestProvider", LogLevel.Error);
        }

        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.UseOrleansClient(client => client
            .UseCoordinatorCluster(options)
            // One attempt: a console command should say "unreachable" at once, not back off for seconds.
            .UseConnectionRetryFilter((_, _) => Task.FromResult(false))
            // The first manifest fetch waits this long before trying another gateway when the one it
            // picked is dead (Orleans waits up to 5 s); a command lives seconds, so refreshing often is free.
            .Configure<TypeManagementOptions>(o => o.TypeMapRefreshInterval = ManifestRetryInterval));
        var host = builder.Build();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            var cause = ex is OperationCanceledException
                ? new TimeoutException($"no gateway answered within {ConnectTimeout.TotalSeconds:0} s", ex)
                : ex;
            throw new ClusterUnreachableException(ConnectionResolver.Describe(options), cause);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new HostedSession(host);
    }
}
