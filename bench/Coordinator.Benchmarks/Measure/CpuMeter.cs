using System.Diagnostics;
using System.Globalization;

namespace Coordinator.Benchmarks.Measure;

/// <summary>How much CPU a window used: the whole machine vs. the benchmark's own processes.</summary>
/// <param name="ByProcess">Cores each of the benchmark's own processes used, by name.</param>
/// <param name="GcPause">How long the benchmark and silo processes were paused for GC in the window, if known.</param>
internal sealed record CpuUse(double MachineBusyCores, IReadOnlyList<(string Name, double Cores)> ByProcess, int Cores, TimeSpan? GcPause = null)
{
    /// <summary>Cores used by this benchmark and its silo.</summary>
    public double OwnCores => ByProcess.Sum(p => p.Cores);

    /// <summary>Cores taken by processes other than this benchmark and its silo (others share this machine).</summary>
    public double OtherCores => Math.Max(0, MachineBusyCores - OwnCores);

    /// <summary>"benchmark+silo" for the product's figures, "benchmark+etcd" for the peer's.</summary>
    private string Own => string.Join("+", ByProcess.Select(p => p.Name));

    public override string ToString() =>
        $"CPU during the window: machine busy {MachineBusyCores:0.00} of {Cores} cores, {Own} {OwnCores:0.00} "
        + $"({string.Join(", ", ByProcess.Select(p => $"{p.Name} {p.Cores:0.00}"))}), other processes {OtherCores:0.00}"
        + (GcPause is { } pause ? $"; GC paused {Own} {pause.TotalMilliseconds:N0} ms in all" : string.Empty);
}

/// <summary>
/// Reads /proc/stat and the CPU time of this process and the silo child around a window, so a
/// figure taken while other work loaded the machine says so. Linux only; elsewhere reports nothing.
/// </summary>
/// <param name="processes">The benchmark's own processes, named for the report.</param>
/// <param name="runtime">The same processes' JIT and GC totals added up, if known.</param>
internal sealed class CpuMeter(IReadOnlyList<(string Name, int ProcessId)> processes, Func<RuntimeTotals>? runtime = null)
{
    /// <summary>While this still rises, tiered JIT is promoting hot code and throughput is still climbing.</summary>
    public long? CompiledMethods => Runtime?.CompiledMethods;

    private RuntimeTotals? Runtime => runtime?.Invoke();

    private IReadOnlyList<(string Name, int ProcessId)> Processes => processes;

    public Snapshot Start() => new(this, MachineTicks(), OwnTime(), Runtime, Stopwatch.GetTimestamp());

    /// <summary>CPU time of each of <c>processes</c> so far (zero for one that is gone).</summary>
    private TimeSpan[] OwnTime() => processes.Select(p => ProcessorTime(p.ProcessId)).ToArray();

    private static TimeSpan ProcessorTime(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            // Gone: contributes nothing further.
            return TimeSpan.Zero;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>(busy, total) jiffies of all CPUs, or null off Linux.</summary>
    private static (long Busy, long Total)? MachineTicks()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Take(8).Sum();
            var idle = fields[3] + fields[4];
            return (total - idle, total);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal sealed class Snapshot(CpuMeter meter, (long Busy, long Total)? machine, TimeSpan[] own, RuntimeTotals? totals, long startedAt)
    {
        public CpuUse? Stop()
        {
            var wall = Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
            var after = MachineTicks();
            if (machine is not { } before || after is not { } now || now.Total <= before.Total || wall <= 0)
            {
                return null;
            }

            var cores = Environment.ProcessorCount;
            var busyShare = (double)(now.Busy - before.Busy) / (now.Total - before.Total);
            var ownNow = meter.OwnTime();
            var byProcess = meter.Processes.Select((p, i) => (p.Name, Math.Max(0, (ownNow[i] - own[i]).TotalSeconds / wall))).ToList();
            var paused = totals is { } atStart && meter.Runtime is { } atEnd ? atEnd.GcPause - atStart.GcPause : (TimeSpan?)null;
            return new CpuUse(busyShare * cores, byProcess, cores, paused);
        }
    }
}
