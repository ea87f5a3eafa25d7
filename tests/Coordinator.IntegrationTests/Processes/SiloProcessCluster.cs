using Coordinator.Client;
using Coordinator.Hosting;
using Coordinator.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Processes;

/// <summary>The ports one silo process listens on.</summary>
public sealed record SiloPorts(int Silo, int Gateway, int Http)
{
    /// <summary>Three ports free a moment ago (another process may still take one: see <see cref="SiloStartRetry"/>).</summary>
    public static SiloPorts Fresh()
    {
        var ports = FreePorts.Take(3);
        return new SiloPorts(ports[0], ports[1], ports[2]);
    }

    /// <summary><paramref name="count"/> silos' ports, all distinct.</summary>
    public static IReadOnlyList<SiloPorts> Fresh(int count)
    {
        var free = FreePorts.Take(3 * count);
        return [.. Enumerable.Range(0, count).Select(i => new SiloPorts(free[3 * i], free[(3 * i) + 1], free[(3 * i) + 2]))];
    }
}

/// <summary>
/// Processes of the built silo (silo/Coordinator.Silo) in azure mode, forming one cluster on
/// Azurite under a fresh ClusterId/ServiceId, plus an Orleans client connected to them. Shared by
/// the tests of one class; the processes are killed at the end.
/// </summary>
public abstract class SiloProcessCluster(int siloCount) : IAsyncLifetime
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan MembershipDeadline = TimeSpan.FromSeconds(60);

    private readonly List<ChildProcess> _silos = [];

    // Every process started, those a port clash retired included: all are stopped at the end.
    private readonly List<ChildProcess> _started = [];
    private IHost? _clientHost;

    public ClusterIdentity Identity { get; } = ClusterIdentity.New();

    public IReadOnlyList<SiloPorts> Ports { get; private set; } = [];

    public IReadOnlyList<ChildProcess> Silos => _silos;

    public IClusterClient Client => _clientHost?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("the client is not connected");

    public IManagementGrain Management => Client.GetGrain<IManagementGrain>(0);

    /// <summary>The options every client of this cluster (the test's, the console's) must use.</summary>
    public CoordinatorClientOptions ClientOptions => new()
    {
        StorageMode = StorageMode.Azure,
        ClusterId = Identity.ClusterId,
        ServiceId = Identity.ServiceId,
        AzureStorageConnectionString = Azurite.ConnectionString,
    };

    public async Task InitializeAsync()
    {
        await Azurite.EnsureReachableAsync();
        var dll = RepoLayout.RequireBuilt(RepoLayout.SiloDll);
        try
        {
            var started = await Task.WhenAll(SiloPorts.Fresh(siloCount).Select((first, i) => SiloStartRetry.Default.StartAsync(
                first,
                (ports, _) => (Process: Started(ChildProcess.StartDotnet($"silo-{i}", dll, SiloArguments(ports))), Ports: ports),
                silo => silo.Process,
                silo => WaitUntilReadyAsync(silo.Process, silo.Ports),
                (_, _) => { })));
            _silos.AddRange(started.Select(s => s.Process));
            Ports = [.. started.Select(s => s.Ports)];
            _clientHost = new HostBuilder().UseOrleansClient(c => c.UseCoordinatorCluster(ClientOptions)).Build();
            await _clientHost.StartAsync();
            await WaitUntilAllActiveAsync();
        }
        catch (Exception ex)
        {
            var dump = DescribeSilos();
            await DisposeAsync();
            throw new InvalidOperationException($"{siloCount} silo processes did not form a cluster: {ex.Message}{Environment.NewLine}{dump}", ex);
        }
    }

    /// <summary>SIGKILLs the silo process listening on <paramref name="siloPort"/>; returns its index.</summary>
    public async Task<int> KillAsync(int siloPort)
    {
        var index = Ports.ToList().FindIndex(p => p.Silo == siloPort);
        if (index < 0)
        {
            throw new ArgumentException($"no silo of this cluster listens on {siloPort}", nameof(siloPort));
        }

        await _silos[index].KillAsync();
        return index;
    }

    public async Task DisposeAsync()
    {
        if (_clientHost is not null)
        {
            try
            {
                await _clientHost.StopAsync(TimeSpan.FromSeconds(5));
            }
            finally
            {
                _clientHost.Dispose();
                _clientHost = null;
            }
        }

        foreach (var silo in _started)
        {
            await silo.DisposeAsync();
        }

        _started.Clear();
        _silos.Clear();
    }

    /// <summary>The active members the client's view of the membership table shows, as "port status".</summary>
    public async Task<IReadOnlyList<string>> ActiveMembersAsync()
    {
        var hosts = await Management.GetHosts(onlyActive: true);
        return hosts.Select(h => $"{h.Key.Endpoint.Port} {h.Value}").Order().ToList();
    }

    public string DescribeSilos() => string.Join(Environment.NewLine, _started.Select(s => s.Describe()));

    private ChildProcess Started(ChildProcess process)
    {
        lock (_started)
        {
            _started.Add(process);
        }

        return process;
    }

    /// <summary>Runs a test body; if it fails, writes everything the silos (and any extra processes) printed.</summary>
    public async Task DumpingOutputOnFailureAsync(ITestOutputHelper output, Func<Task> body, Func<IEnumerable<ChildProcess>>? extra = null)
    {
        try
        {
            await body();
        }
        catch
        {
            output.WriteLine(DescribeSilos());
            foreach (var child in extra?.Invoke() ?? [])
            {
                output.WriteLine(child.Describe());
            }

            throw;
        }
    }

    private IEnumerable<string> SiloArguments(SiloPorts ports)
    {
        const string s = "--" + CoordinatorSiloOptions.Section + ":";
        return
        [
            s + nameof(CoordinatorSiloOptions.StorageMode), StorageMode.Azure,
            s + nameof(CoordinatorSiloOptions.ClusterId), Identity.ClusterId,
            s + nameof(CoordinatorSiloOptions.ServiceId), Identity.ServiceId,
            s + nameof(CoordinatorSiloOptions.AzureStorageConnectionString), Azurite.ConnectionString,
            s + nameof(CoordinatorSiloOptions.AuditKey), TestAuditKey.Base64,
            s + nameof(CoordinatorSiloOptions.AdvertisedIPAddress), "127.0.0.1",
            s + nameof(CoordinatorSiloOptions.SiloPort), ports.Silo.ToString(System.Globalization.CultureInfo.InvariantCulture),
            s + nameof(CoordinatorSiloOptions.GatewayPort), ports.Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
            s + nameof(CoordinatorSiloOptions.HttpPort), ports.Http.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // These runs do not call the HTTP API; azure mode serves it without tokens only when told so.
            s + "Api:Authentication", "none",
            s + "Api:AllowUnauthenticated", "true",
        ];
    }

    /// <summary>Until the silo answers 200 on /healthz/ready; aborted at once if its process exits.</summary>
    internal static async Task WaitUntilReadyAsync(ChildProcess silo, SiloPorts ports)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = new Uri($"http://127.0.0.1:{ports.Http}/healthz/ready");
        await Poll.UntilAsync(
            async () =>
            {
                if (silo.HasExited)
                {
                    throw new PollAbortedException($"{silo.Name} exited with code {silo.ExitCode} before it was ready");
                }

                using var response = await http.GetAsync(ready);
                return (int)response.StatusCode;
            },
            status => status == 200,
            $"{silo.Name} to answer 200 on {ready}",
            ReadyDeadline,
            errorsMeanNotYet: true);
    }

    private async Task WaitUntilAllActiveAsync()
    {
        var expected = Ports.Select(p => $"{p.Silo} {SiloStatus.Active}").Order().ToList();
        await Poll.UntilAsync(
            ActiveMembersAsync,
            members => members.SequenceEqual(expected),
            $"the membership table to list exactly [{string.Join(", ", expected)}] as active",
            MembershipDeadline,
            errorsMeanNotYet: true);
    }
}
