using Coordinator.IntegrationTests.Processes.Drill;
using Coordinator.IntegrationTests.Processes.Drill.Checks;

namespace Coordinator.IntegrationTests.Processes.Chaos;

/// <summary>
/// A connection cut that struck a running fleet cut something (else `ss -K` does not work here and the
/// fault tested nothing), and the fleet connected to a live gateway again afterwards (a fault that
/// waited in vain fails the round before this).
/// </summary>
public sealed class ConnectionCutCheck : IRunCheck
{
    public const string Subject = "fleet connections cut";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        foreach (var cut in run.Faults.OfType<FleetConnectionsCut>())
        {
            yield return (cut.Cuts, cut.Reconnected) switch
            {
                (0, null) => CheckResult.Pass(Subject, "the fleet had exited before its connections could be cut: nothing to judge"),
                (0, _) => CheckResult.Fail(Subject, $"ss -K cut none of the running fleet's connections in {cut.Length.TotalSeconds:0} s: the fault tested nothing"),
                _ => CheckResult.Pass(Subject, cut.Description),
            };
        }
    }
}
