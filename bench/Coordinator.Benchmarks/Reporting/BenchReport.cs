using Coordinator.Benchmarks.Figures;

namespace Coordinator.Benchmarks.Reporting;

/// <summary>Everything a run reports, in the shape printed as JSON.</summary>
/// <param name="Overrides">Anything that makes this run differ from the product's own configuration.</param>
internal sealed record BenchReport(MachineInfo Machine, IReadOnlyList<FigureResult> Figures, string LogDirectory, IReadOnlyList<string> Overrides)
{
    /// <summary>0 when every measured target is met; 1 when one is missed or a figure failed.</summary>
    public int ExitCode => Figures.Any(f => f.Verdict is Verdict.Fail or Verdict.Error) ? 1 : 0;
}
