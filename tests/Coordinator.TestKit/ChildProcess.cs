using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Coordinator.TestKit;

/// <summary>
/// A child process (usually `dotnet some.dll`) whose stdout and stderr are captured (and always drained, so it
/// never blocks on a full pipe). Disposing kills it and everything it started.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    // Every child not yet disposed, so a signal handler can stop them all: a SIGTERM skips the `finally`
    // and `await using` that normally do it, and silos left behind keep their ports and CPU.
    private static readonly ConcurrentDictionary<ChildProcess, byte> Live = new();

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _standardOutput = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id { get; private set; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything it printed so far, stderr lines marked, in arrival order.</summary>
    public string Output => string.Join(Environment.NewLine, _lines);

    /// <summary>Its stdout alone, e.g. a command's `--json` answer.</summary>
    public string StandardOutput => string.Join(Environment.NewLine, _standardOutput);

    /// <param name="environment">Variables to set for it, e.g. settings that must stay off its command line.</param>
    public static ChildProcess StartDotnet(
        string name, string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        // From the dll's folder, so it finds its appsettings.json.
        Start(name, RepoLayout.DotnetHost, [dll, .. arguments], Path.GetDirectoryName(dll)!, environment);

    /// <summary>Starts any program, e.g. `bash script.sh`, with the same capture and clean environment.</summary>
    /// <param name="environment">Variables to set for it, on top of this process's own.</param>
    public static ChildProcess Start(
        string name, string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only the command line configures the child: drop settings this machine may have exported.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Coordinator__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Collect(e.Data, stderr: false);
        process.ErrorDataReceived += (_, e) => child.Collect(e.Data, stderr: true);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {name}: {start.FileName} {string.Join(' ', start.ArgumentList)}");
        }

        child.Id = process.Id;
        Live.TryAdd(child, 0);
        process.StandardInput.Close(); // no stdin, as in CI
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for it to exit by itself and for its output to be read to the end.</summary>
    /// <exception cref="TimeoutException">It did not exit in time (it is killed first).</exception>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await DisposeAsync();
            throw new TimeoutException($"{Name} did not exit within {within.TotalSeconds:0} s; output:{Environment.NewLine}{Output}");
        }

        await Task.WhenAll(_outputClosed.Task, _errorClosed.Task).WaitAsync(TimeSpan.FromSeconds(10));
        return _process.ExitCode;
    }

    /// <summary>SIGKILLs it (and whatever it started) and waits until it is gone; its output stays readable.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>
    /// SIGKILLs every child still running (and whatever each started), for a process that is being
    /// interrupted and will not reach its disposals. Returns how many were running.
    /// </summary>
    public static int KillAll()
    {
        var killed = 0;
        foreach (var child in Live.Keys)
        {
            try
            {
                if (!child._process.HasExited)
                {
                    child._process.Kill(entireProcessTree: true);
                    killed++;
                }
            }
            catch (InvalidOperationException)
            {
                // Disposed meanwhile: its own disposal stopped it.
            }
        }

        return killed;
    }

    /// <summary>A block for test output: what it is, whether it still runs, and everything it printed.</summary>
    public string Describe()
    {
        string state;
        try
        {
            state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
        }
        catch (InvalidOperationException)
        {
            state = "stopped"; // disposed: its output is all that is left
        }

        return $"----- {Name} (pid {Id}, {state}) -----{Environment.NewLine}{Output}{Environment.NewLine}----- end of {Name} -----";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped: nothing left to stop.
        }
        finally
        {
            Live.TryRemove(this, out _);
            _process.Dispose();
        }
    }

    private void Collect(string? line, bool stderr)
    {
        if (line is null)
        {
            (stderr ? _errorClosed : _outputClosed).TrySetResult();
            return;
        }

        _lines.Enqueue(stderr ? "[stderr] " + line : line);
        if (!stderr)
        {
            _standardOutput.Enqueue(line);
        }
    }
}
