using System.Collections.Concurrent;
using System.Globalization;
using Coordinator.Hosting;

namespace Coordinator.IntegrationTests.Processes.Drill;

/// <summary>One silo process of a drill.</summary>
public sealed record SiloProcess(string Name, SiloPorts Ports, ChildProcess Process);

/// <summary>
/// The processes of a drill while it runs: the silos, the fleet, the console commands. Faults act on
/// it; disposing it stops whatever still runs, success or failure.
/// </summary>
public sealed class LiveRun : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly ConcurrentDictionary<string, bool> _killed = new();
    private readonly Action<string> _say;
    private ChildProcess? _fleet;

    public LiveRun(RunDescription description, Action<string> say)
    {
        Description = description;
        _say = say;
        Identity = new ClusterIdentity(TestIds.New("mp"), TestIds.New("mp"));
        Environment = new Dictionary<string, string>
        {
            ["Coordinator__StorageMode"] = StorageMode.Azure,
            ["Coordinator__ClusterId"] = Identity.ClusterId,
            ["Coordinator__ServiceId"] = Identity.ServiceId,
            ["Coordinator__AzureStorageConnectionString"] = description.ConnectionString,
            ["Coordinator__AuditKey"] = TestAuditKey.Base64,
        };
        Coord = new Coord(description, Environment);
    }

    public RunDescription Description { get; }

    /// <summary>A fresh ClusterId/ServiceId: this run's membership rows, reminders, queues and blobs are its own.</summary>
    public ClusterIdentity Identity { get; }

    /// <summary>The settings every process of the run reads (the silos' and the console's).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public Coord Coord { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The silos no fault has killed.</summary>
    public IEnumerable<SiloProcess> Survivors => _silos.Where(s => !_killed.ContainsKey(s.Name));

    public ChildProcess Fleet => _fleet ?? throw new InvalidOperationException("the fleet has not started");

    public void Say(string line) => _say(line);

    public SiloProcess StartSilo(int index, SiloPorts ports)
    {
        const string s = "--" + CoordinatorSiloOptions.Section + ":";
        var silo = new SiloProcess(
            $"silo-{index}",
            ports,
            ChildProcess.StartDotnet(
                $"silo-{index}",
                Description.SiloDll,
                [
                    s + nameof(CoordinatorSiloOptions.AdvertisedIPAddress), "127.0.0.1",
                    s + nameof(CoordinatorSiloOptions.SiloPort), ports.Silo.ToString(CultureInfo.InvariantCulture),
                    s + nameof(CoordinatorSiloOptions.GatewayPort), ports.Gateway.ToString(CultureInfo.InvariantCulture),
                    s + nameof(CoordinatorSiloOptions.HttpPort), ports.Http.ToString(CultureInfo.InvariantCulture),
                ],
                Environment));
        _silos.Add(silo);
        return silo;
    }

    public ChildProcess StartFleet(IEnumerable<string> arguments) => _fleet = Coord.Start("fleet", arguments);

    /// <summary>SIGKILLs a silo process: no shutdown, no leaving the membership table.</summary>
    public async Task KillAsync(SiloProcess silo)
    {
        _killed[silo.Name] = true;
        await silo.Process.KillAsync();
    }

    /// <summary>Everything every process printed, one block each (what `--keep-logs` writes and a failed test shows).</summary>
    public IReadOnlyList<(string Name, string Text)> Logs() => [.. Processes().Select(p => (p.Name, p.Describe()))];

    public async ValueTask DisposeAsync()
    {
        Coord.Close();

        // All at once, so the silos leave the cluster in parallel.
        await Task.WhenAll(Processes().Select(p => p.DisposeAsync().AsTask()));
    }

    private IEnumerable<ChildProcess> Processes()
    {
        foreach (var silo in _silos)
        {
            yield return silo.Process;
        }

        if (_fleet is not null)
        {
            yield return _fleet;
        }

        foreach (var command in Coord.Commands)
        {
            yield return command;
        }
    }
}
