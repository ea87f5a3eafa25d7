using System.Collections.Concurrent;
using System.Diagnostics;
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

    // First starts a port clash ended: no longer silos of the run, but their output is kept.
    private readonly List<SiloProcess> _retired = [];
    private readonly ConcurrentDictionary<string, bool> _killed = new();
    private readonly Action<string> _say;
    private readonly TaskCompletionSource _campaignStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

            // The drill does not call the HTTP API; azure mode serves it without tokens only when told so.
            ["Coordinator__Api__Authentication"] = "none",
            ["Coordinator__Api__AllowUnauthenticated"] = "true",

            // Who voted whom dead and when: a few lines per membership change, and what a slow recovery needs.
            ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
        };
        Coord = new Coord(description, Environment);
    }

    public RunDescription Description { get; }

    /// <summary>A fresh ClusterId/ServiceId: this run's membership rows, reminders, queues and blobs are its own.</summary>
    public ClusterIdentity Identity { get; }

    /// <summary>The settings every process of the run reads (the silos' and the console's).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public Coord Coord { get; }

    /// <summary>Every silo process started, killed and restarted ones included.</summary>
    public IReadOnlyList<SiloProcess> Silos
    {
        get
        {
            lock (_silos)
            {
                return [.. _silos];
            }
        }
    }

    /// <summary>The silos no fault has killed.</summary>
    public IReadOnlyList<SiloProcess> Survivors => [.. Silos.Where(s => !_killed.ContainsKey(s.Name))];

    /// <summary>Readiness probes wait for the silo's own storage probe (a few seconds when storage hangs).</summary>
    private static HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public ChildProcess Fleet => _fleet ?? throw new InvalidOperationException("the fleet has not started");

    /// <summary>Completes once `campaign start` answered running: faults timed from the campaign wait on it.</summary>
    public Task CampaignStarted => _campaignStarted.Task;

    // Seconds since the run began on every progress line: where a slow or failed drill spent its time.
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Say(string line) => _say($"[{_clock.Elapsed.TotalSeconds:0.0} s] {line}");

    /// <summary>The runner's word that the campaign runs; a run that failed before says so to whoever waits.</summary>
    public void MarkCampaignStarted(Exception? failed = null)
    {
        if (failed is null)
        {
            _campaignStarted.TrySetResult();
        }
        else
        {
            _campaignStarted.TrySetException(new PollAbortedException($"the campaign did not start: {failed.Message}"));
        }
    }

    /// <summary>Starts silo <paramref name="index"/> and waits until it is ready, on fresh ports again if one of its ports was taken.</summary>
    public Task<SiloProcess> StartSiloAsync(int index, SiloPorts first) =>
        SiloStartRetry.Default.StartAsync(first, (ports, _) => Start($"silo-{index}", ports), s => s.Process, s => WaitUntilReadyAsync([s]), Retire);

    /// <summary>Starts a killed silo again on its ports, under a new name (a new process, a new silo generation).</summary>
    public SiloProcess Restart(SiloProcess killed)
    {
        if (!_killed.ContainsKey(killed.Name))
        {
            throw new InvalidOperationException($"{killed.Name} was not killed; restarting it would run two silos on one port");
        }

        return Start(killed.Name + "'", killed.Ports);
    }

    /// <summary>The HTTP status of a silo's /healthz/ready.</summary>
    public async Task<int> ReadyStatusAsync(SiloProcess silo)
    {
        if (silo.Process.HasExited)
        {
            throw new PollAbortedException($"{silo.Name} exited with code {silo.Process.ExitCode}");
        }

        using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{silo.Ports.Http}/healthz/ready"));
        return (int)response.StatusCode;
    }

    /// <summary>
    /// Registers <paramref name="arm"/>'s manifest in <paramref name="region"/> through a survivor's HTTP API, until it
    /// answers 200 (registering an identical manifest again changes nothing, so a lost answer is simply asked again).
    /// </summary>
    public Task RegisterArmAsync(string region, string arm, string manifestPath) =>
        Poll.UntilAsync(
            async () =>
            {
                var silo = Survivors[0];
                using var body = new StringContent(await File.ReadAllTextAsync(manifestPath), System.Text.Encoding.UTF8, "application/json");
                using var response = await Http.PutAsync(new Uri($"http://127.0.0.1:{silo.Ports.Http}/api/v1/services/{Description.Service}/regions/{region}/arms/{arm}"), body);
                return (int)response.StatusCode is 200 or >= 500 ? (int)response.StatusCode
                    : throw new PollAbortedException($"registering {arm} in {region} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            },
            status => status == 200,
            $"PUT /api/v1/services/{Description.Service}/regions/{region}/arms/{arm} to answer 200",
            Description.ReadyDeadline,
            errorsMeanNotYet: true);

    /// <summary>Waits until every given silo answers 200 on /healthz/ready (an active member whose storage answers).</summary>
    public Task WaitUntilReadyAsync(IEnumerable<SiloProcess> silos) =>
        Task.WhenAll(silos.Select(silo => Poll.UntilAsync(
            () => ReadyStatusAsync(silo),
            status => status == 200,
            $"{silo.Name} to answer 200 on http://127.0.0.1:{silo.Ports.Http}/healthz/ready",
            Description.ReadyDeadline,
            errorsMeanNotYet: true)));

    private SiloProcess Start(string name, SiloPorts ports)
    {
        const string s = "--" + CoordinatorSiloOptions.Section + ":";
        var silo = new SiloProcess(
            name,
            ports,
            ChildProcess.StartDotnet(
                name,
                Description.SiloDll,
                [
                    s + nameof(CoordinatorSiloOptions.AdvertisedIPAddress), "127.0.0.1",
                    s + nameof(CoordinatorSiloOptions.SiloPort), ports.Silo.ToString(CultureInfo.InvariantCulture),
                    s + nameof(CoordinatorSiloOptions.GatewayPort), ports.Gateway.ToString(CultureInfo.InvariantCulture),
                    s + nameof(CoordinatorSiloOptions.HttpPort), ports.Http.ToString(CultureInfo.InvariantCulture),
                ],
                Environment));
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    private void Retire(SiloProcess silo, string why)
    {
        lock (_silos)
        {
            _silos.Remove(silo);
            _retired.Add(silo);
        }

        Say(why);
    }

    public ChildProcess StartFleet(IEnumerable<string> arguments) => _fleet = Coord.Start("fleet", arguments);

    /// <summary>SIGKILLs a silo process: no shutdown, no leaving the membership table.</summary>
    public async Task KillAsync(SiloProcess silo)
    {
        _killed[silo.Name] = true;
        await silo.Process.KillAsync();
    }

    /// <summary>Everything every process printed, one block each (what `--keep-logs` writes and a failed test shows).</summary>
    public IReadOnlyList<(string Name, string Text)> Logs() =>
        [.. Processes().Select(p => (p.Name, p.Describe())), .. Retired().Select((p, i) => ($"{p.Name}-port-clash-{i + 1}", p.Describe()))];

    public async ValueTask DisposeAsync()
    {
        Coord.Close();

        // All at once, so the silos leave the cluster in parallel.
        await Task.WhenAll(Processes().Concat(Retired()).Select(p => p.DisposeAsync().AsTask()));
    }

    private List<ChildProcess> Retired()
    {
        lock (_silos)
        {
            return [.. _retired.Select(s => s.Process)];
        }
    }

    private IEnumerable<ChildProcess> Processes()
    {
        foreach (var silo in Silos)
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
