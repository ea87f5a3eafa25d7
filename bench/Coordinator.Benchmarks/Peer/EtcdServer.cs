using System.Diagnostics;
using Coordinator.Hosting;
using Etcdserverpb;
using Grpc.Net.Client;

namespace Coordinator.Benchmarks.Peer;

/// <summary>
/// A throw-away single-member etcd on loopback for the peer benchmark: free ports, a fresh data
/// directory, default durability (fsync on every commit). Disposing kills it and deletes its data;
/// a handler on process exit does the same if the run is torn down another way, and a shell watchdog
/// if the benchmark is SIGKILLed.
/// </summary>
internal sealed class EtcdServer : IAsyncDisposable
{
    /// <summary>Debian's package, which the peer figures of issue 15 were taken with (etcd 3.4.23).</summary>
    public const string Package = "etcd-server";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly EventHandler _onExit;
    private int _stopped;

    private EtcdServer(Process process, string dataDirectory, int clientPort)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        ClientPort = clientPort;
        _onExit = (_, _) => Stop();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    public int ClientPort { get; }

    public string Endpoint => $"http://127.0.0.1:{ClientPort}";

    public string Version { get; private set; } = "?";

    /// <summary>etcd's own process (a child of the watchdog shell), for the CPU accounting; 0 until it is known.</summary>
    public int ProcessId { get; private set; }

    /// <summary>The etcd binary on PATH, or null.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "etcd"))
            .FirstOrDefault(File.Exists);

    /// <summary>Installs <see cref="Package"/> with apt-get when running as root; returns why not otherwise.</summary>
    public static async Task<string?> InstallAsync(Action<string> say, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            return $"etcd is not installed and this run cannot install it (needs root and apt-get): install Debian's '{Package}' package (apt-get install -y {Package}) and re-run";
        }

        say($"etcd not found: installing Debian's {Package} (apt-get update && apt-get install -y {Package})");
        foreach (var args in new[] { "update -qq", $"install -y -qq {Package}" })
        {
            using var apt = Process.Start(new ProcessStartInfo("apt-get", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = apt.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = apt.StandardError.ReadToEndAsync(cancellationToken);
            await apt.WaitForExitAsync(cancellationToken);
            if (apt.ExitCode != 0)
            {
                return $"apt-get {args} failed ({apt.ExitCode}): {(await errors).Trim()} {(await output).Trim()}";
            }
        }

        return Find() is null ? $"{Package} installed but no etcd binary on PATH" : null;
    }

    public static async Task<EtcdServer> StartAsync(string binary, string logDirectory, CancellationToken cancellationToken)
    {
        var ports = FreePorts.Take(2);
        var data = Path.Combine(Path.GetTempPath(), $"coordinator-bench-etcd-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var client = $"http://127.0.0.1:{ports[0]}";
        var peer = $"http://127.0.0.1:{ports[1]}";
        // Under a small shell watchdog: if this process is SIGKILLed (no exit handler runs), the watchdog sees its
        // parent gone within a second, kills etcd and deletes the data directory.
        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["COORDINATOR_BENCH_PARENT"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["COORDINATOR_BENCH_ETCD_DATA"] = data,
            },
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Watchdog);
        start.ArgumentList.Add(binary);
        foreach (var arg in new[]
        {
            "--name", "bench", "--data-dir", data,
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", $"bench={peer}", "--initial-cluster-state", "new",
            "--log-level", "warn", "--logger", "zap",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        var log = new StreamWriter(Path.Combine(logDirectory, "etcd.log")) { AutoFlush = true };
        var logLock = new Lock();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (logLock)
                {
                    log.WriteLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new EtcdServer(process, data, ports[0]);
        try
        {
            server.Version = await WaitReadyAsync(server, cancellationToken);
            server.ProcessId = ChildOf(process.Id) ?? throw new InvalidOperationException("etcd answered but its process was not found under the watchdog shell");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs etcd ($0 and its arguments) and stops it, deleting its data, once the benchmark's process is gone.</summary>
    private const string Watchdog = """
        "$0" "$@" & etcd=$!
        trap 'kill -9 $etcd 2>/dev/null; exit 143' TERM INT
        while kill -0 "$COORDINATOR_BENCH_PARENT" 2>/dev/null && kill -0 $etcd 2>/dev/null; do sleep 1; done
        kill -9 $etcd 2>/dev/null; wait $etcd 2>/dev/null
        rm -rf "$COORDINATOR_BENCH_ETCD_DATA"
        """;

    /// <summary>The first process whose parent is <paramref name="parent"/> (from /proc), or null.</summary>
    private static int? ChildOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && int.TryParse(fields[1], out var ppid) && ppid == parent)
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return null;
    }

    private static async Task<string> WaitReadyAsync(EtcdServer server, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(server.Endpoint);
        var maintenance = new Maintenance.MaintenanceClient(channel);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"etcd exited with code {server._process.ExitCode} before it answered (see etcd.log)");
            }

            try
            {
                var status = await maintenance.StatusAsync(new StatusRequest(), deadline: DateTime.UtcNow.AddSeconds(1), cancellationToken: cancellationToken);
                return status.Version;
            }
            catch (Grpc.Core.RpcException) when (deadline.Elapsed < ReadyTimeout)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
