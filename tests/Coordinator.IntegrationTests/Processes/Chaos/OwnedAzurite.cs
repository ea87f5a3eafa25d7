using System.Globalization;
using Coordinator.Hosting;

namespace Coordinator.IntegrationTests.Processes.Chaos;

/// <summary>
/// An Azurite this run starts and stops itself, on free ports and a fresh data folder, so a fault may
/// freeze it (SIGSTOP/SIGCONT) without touching anyone else's storage. Never SIGKILLed while in use:
/// its LokiJS files are saved on an interval, so a kill would lose acknowledged writes (a test-double artefact).
/// </summary>
public sealed class OwnedAzurite : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account; the key is public.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _process;
    private readonly string _location;
    private readonly Lock _gate = new();
    private bool _frozen;

    private OwnedAzurite(ChildProcess process, string location, int blob, int queue, int table)
    {
        _process = process;
        _location = location;
        ConnectionString = string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;"
            + $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;");
        Ports = [blob, queue, table];
    }

    public string ConnectionString { get; }

    public IReadOnlyList<int> Ports { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// The azurite.js infra/azurite.sh installs: $COORDINATOR_AZURITE_JS, else this checkout's infra/.azurite.
    /// </summary>
    public static string? FindScript()
    {
        string[] candidates =
        [
            Environment.GetEnvironmentVariable("COORDINATOR_AZURITE_JS") ?? string.Empty,
            Path.Combine(RepoLayout.Root, "infra", ".azurite", "node_modules", "azurite", "dist", "src", "azurite.js"),
        ];
        return candidates.FirstOrDefault(c => c.Length > 0 && File.Exists(c));
    }

    public static async Task<OwnedAzurite> StartAsync()
    {
        var script = FindScript()
            ?? throw new FileNotFoundException("azurite is not installed; run `bash infra/azurite.sh install` (or set COORDINATOR_AZURITE_JS)");
        var ports = FreePorts.Take(3);
        var location = Directory.CreateTempSubdirectory("coordinator-chaos-azurite.").FullName;
        var process = ChildProcess.Start(
            "azurite",
            "node",
            [
                script, "--silent", "--disableTelemetry", "--location", location,
                "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(CultureInfo.InvariantCulture),
                "--skipApiVersionCheck", "--loose",
            ],
            location);
        var azurite = new OwnedAzurite(process, location, ports[0], ports[1], ports[2]);
        try
        {
            await Poll.UntilAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new PollAbortedException($"azurite exited with {process.ExitCode} during start-up: {process.Output}");
                    }

                    foreach (var port in ports)
                    {
                        using var tcp = new System.Net.Sockets.TcpClient();
                        await tcp.ConnectAsync("127.0.0.1", port);
                    }

                    return true;
                },
                up => up,
                $"azurite to listen on 127.0.0.1:{string.Join(',', ports)}",
                StartDeadline,
                errorsMeanNotYet: true);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    /// <summary>SIGSTOPs the emulator: connections still open, nothing answers.</summary>
    public Task FreezeAsync()
    {
        lock (_gate)
        {
            _frozen = true;
        }

        return SignalAsync("STOP");
    }

    /// <summary>SIGCONTs the emulator: held requests are answered.</summary>
    public async Task ThawAsync()
    {
        await SignalAsync("CONT");
        lock (_gate)
        {
            _frozen = false;
        }
    }

    /// <summary>Thaws it if frozen, then stops it (SIGTERM first; see azurite.sh's --disableTelemetry) and deletes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        bool frozen;
        lock (_gate)
        {
            frozen = _frozen;
        }

        if (frozen && !_process.HasExited)
        {
            await ThawAsync();
        }

        if (!_process.HasExited)
        {
            await SignalAsync("TERM");
            try
            {
                await _process.WaitForExitAsync(TimeSpan.FromSeconds(15));
            }
            catch (TimeoutException)
            {
                // WaitForExitAsync killed it; the data is discarded anyway.
            }
        }

        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: a temporary folder left behind is harmless.
        }
    }

    private Task SignalAsync(string signal) => Signals.SendAsync(_process.Id, signal);
}
