using System.Globalization;
using System.Runtime;

namespace Coordinator.Benchmarks.Measure;

/// <summary>
/// Running totals of a .NET process that explain slow or climbing figures: methods JIT-compiled so
/// far (still rising while tiered JIT promotes hot code) and time spent paused for GC.
/// </summary>
internal readonly record struct RuntimeTotals(long CompiledMethods, TimeSpan GcPause)
{
    /// <summary>This process's totals now.</summary>
    public static RuntimeTotals Current => new(JitInfo.GetCompiledMethodCount(), GC.GetTotalPauseDuration());

    public static RuntimeTotals operator +(RuntimeTotals a, RuntimeTotals b) => new(a.CompiledMethods + b.CompiledMethods, a.GcPause + b.GcPause);

    /// <summary>"compiled gcPauseTicks", as the silo child reports them on a line.</summary>
    public string ToWire() => string.Create(CultureInfo.InvariantCulture, $"{CompiledMethods} {GcPause.Ticks}");

    public static bool TryParse(ReadOnlySpan<char> text, out RuntimeTotals totals)
    {
        totals = default;
        var space = text.IndexOf(' ');
        if (space < 0
            || !long.TryParse(text[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var compiled)
            || !long.TryParse(text[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pauseTicks))
        {
            return false;
        }

        totals = new RuntimeTotals(compiled, TimeSpan.FromTicks(pauseTicks));
        return true;
    }
}
