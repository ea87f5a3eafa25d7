using System.Globalization;
using Coordinator.Console.App;
using Coordinator.Hosting;

namespace Coordinator.ConsoleTests.Infrastructure;

/// <summary>
/// One embedded in-process silo (built by Coordinator.Hosting, on free ports) shared by the cluster
/// tests. Console commands reach it over its real gateway, as an operator's would; tests read the
/// grains directly through the co-hosted client to check what changed.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string ClusterId = "console-tests";
    public const string ServiceId = "console-tests";

    private readonly string _files = Path.Combine(Path.GetTempPath(), "coordinator-console-tests-" + Guid.NewGuid().ToString("N"));
    private EmbeddedSilo? _silo;
    private int _names;

    public IClusterClient Client => Silo.Client;

    public int GatewayPort => Silo.GatewayPort;

    public int SiloPort => Silo.Options.SiloPort;

    /// <summary>The silo's services, for tests that read or rewrite its storage behind the grains.</summary>
    public IServiceProvider SiloServices => Silo.Services;

    private EmbeddedSilo Silo => _silo ?? throw new InvalidOperationException("the silo has not started");

    /// <summary>The connection flags that point the console at this silo.</summary>
    public IReadOnlyList<string> ConnectionArgs =>
        ["--gateway-port", GatewayPort.ToString(CultureInfo.InvariantCulture), "--cluster-id", ClusterId, "--service-id", ServiceId];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_files);
        _silo = await EmbeddedSilo.StartAsync(ClusterId, ServiceId, logging => logging.UseQuietConsoleLogging());
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Directory.Delete(_files, recursive: true);
    }

    /// <summary>A service name no other test uses, so tests never see each other's regions.</summary>
    public string NewService(string stem) => $"{stem}-{Interlocked.Increment(ref _names)}";

    /// <summary>Runs a cluster command against this silo.</summary>
    public Task<ConsoleRun> RunAsync(params string[] args) => ConsoleRun.RunAsync([.. args, .. ConnectionArgs]);

    /// <summary>Runs a cluster command whose standard error <paramref name="errors"/> shows while it runs.</summary>
    public Task<ConsoleRun> RunAsync(LiveErrors errors, params string[] args) => ConsoleRun.RunAsync([.. args, .. ConnectionArgs], liveErrors: errors);

    public string WriteFile(string json)
    {
        var path = Path.Combine(_files, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    public ISwitchoverGrain Pointer(string service, string region) => Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));

    public Task<ActiveArmView> ViewAsync(string service, string region) => Pointer(service, region).GetActiveArmAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "embedded cluster";
}
