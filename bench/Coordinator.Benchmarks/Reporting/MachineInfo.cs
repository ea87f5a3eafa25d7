using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Coordinator.Benchmarks.Reporting;

/// <summary>What the figures were measured on. Load averages matter: this machine is shared.</summary>
internal sealed record MachineInfo
{
    public required string Os { get; init; }
    public required string Cpu { get; init; }
    public required int Cores { get; init; }
    public required double MemoryGiB { get; init; }
    public required string Runtime { get; init; }
    public required string Orleans { get; init; }
    public required string Gc { get; init; }
    public required string Build { get; init; }
    public required string Profile { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required string LoadAverageAtStart { get; init; }
    public string? LoadAverageAtEnd { get; init; }

    public static MachineInfo Capture(string profile) => new()
    {
        Os = RuntimeInformation.OSDescription,
        Cpu = CpuModel(),
        Cores = Environment.ProcessorCount,
        MemoryGiB = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        Runtime = $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture})",
        Orleans = typeof(IClusterClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split(['+', ' '])[0].TrimEnd('.') ?? "?",
        Gc = (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? ", non-concurrent" : ", concurrent"),
#if DEBUG
        Build = "Debug (figures not meaningful: use -c Release)",
#else
        Build = "Release",
#endif
        Profile = profile,
        StartedAt = DateTimeOffset.UtcNow,
        LoadAverageAtStart = LoadAverage(),
    };

    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
