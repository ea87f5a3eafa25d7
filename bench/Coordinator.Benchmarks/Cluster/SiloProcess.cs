using System.Diagnostics;
using Coordinator.Benchmarks.Measure;

namespace Coordinator.Benchmarks.Cluster;

/// <summary>
/// A silo in a child process (this same executable, <see cref="SiloChild"/>), so the benchmark's
/// clients talk to it over real TCP and do not share its heap or thread pool. Its output goes to a
/// log file; disposing closes its stdin, which stops it, and kills it if it does not stop.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    /// <summary>The silo's totals at its last report (it reports a few times a second).</summary>
    public RuntimeTotals Runtime
    {
        get
        {
            lock (_runtimeLock)
            {
                return _runtime;
            }
        }
    }

    private readonly Lock _runtimeLock = new();
    private RuntimeTotals _runtime;

    /// <param name="name">Names the log file; several silos of one storage mode need distinct names.</param>
    public static async Task<SiloProcess> StartAsync(SiloSpec spec, string logDirectory, CancellationToken cancellationToken, string? name = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable to start the silo from");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Started as "dotnet Coordinator.Benchmarks.dll": start the silo the same way.
            start.ArgumentList.Add(typeof(SiloProcess).Assembly.Location);
        }

        start.ArgumentList.Add(SiloChild.Verb);
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Coordinator__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in spec.ToEnvironment())
        {
            start.Environment[key] = value;
        }

        var logPath = Path.Combine(logDirectory, $"silo-{name ?? spec.StorageMode}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, log, logPath);
        process.OutputDataReceived += (_, e) => silo.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnOutput(e.Data);
        process.Exited += (_, _) => silo._ready.TrySetException(
            new InvalidOperationException($"the {spec.StorageMode} silo exited with code {process.ExitCode} before it was ready; see {logPath}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await silo._ready.Task.WaitAsync(ReadyTimeout, cancellationToken);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>SIGKILLs the silo (no shutdown, as in a crash) and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            _process.Dispose();
            lock (_logLock)
            {
                _log.Dispose();
            }
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith(SiloChild.RuntimeLinePrefix, StringComparison.Ordinal))
        {
            if (RuntimeTotals.TryParse(line.AsSpan(SiloChild.RuntimeLinePrefix.Length), out var totals))
            {
                lock (_runtimeLock)
                {
                    _runtime = totals;
                }
            }

            return;
        }

        lock (_logLock)
        {
            _log.WriteLine(line);
        }

        if (line == SiloChild.ReadyLine)
        {
            _ready.TrySetResult();
        }
    }
}
