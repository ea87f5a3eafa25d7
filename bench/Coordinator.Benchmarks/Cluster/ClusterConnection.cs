using Coordinator.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.Benchmarks.Cluster;

/// <summary>One Orleans client (its own host, gateway connection and stream provider), as a service process has.</summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    /// <param name="logging">Shared by every connection, so a hundred clients do not start a hundred console loggers.</param>
    public static async Task<ClusterConnection> ConnectAsync(CoordinatorClientOptions options, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client => client.UseCoordinatorCluster(options))
            .ConfigureServices(services => services.AddSingleton(logging))
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ClusterConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
