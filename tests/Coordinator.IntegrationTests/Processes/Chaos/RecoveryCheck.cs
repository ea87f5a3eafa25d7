using Coordinator.IntegrationTests.Processes.Drill;
using Coordinator.IntegrationTests.Processes.Drill.Checks;

namespace Coordinator.IntegrationTests.Processes.Chaos;

/// <summary>
/// Every chaos fault ended with every live silo ready again; a storage freeze was noticed by
/// /healthz/ready (503) within <see cref="FreezeStorage.NoticeDeadline"/>.
/// </summary>
public sealed class RecoveryCheck : IRunCheck
{
    public const string Subject = "recovery";
    public const string ReadinessSubject = "readiness during a storage freeze";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        foreach (var fault in run.Faults.OfType<IRecovered>())
        {
            // A fault that did not recover threw (a Poll timeout), so reaching here means it did.
            yield return CheckResult.Pass(Subject, $"recovered {fault.Recovery.TotalSeconds:0.0} s after the fault ended: {((FaultRecord)fault).Description}");
        }

        foreach (var freeze in run.Faults.OfType<StorageFrozen>())
        {
            yield return CheckResult.Of(
                ReadinessSubject,
                freeze.NotReadyAfter is not null,
                freeze.NotReadyAfter is { } after
                    ? $"/healthz/ready answered 503 {after.TotalSeconds:0.0} s into the freeze, 200 after it"
                    : $"/healthz/ready did not answer 503 within {FreezeStorage.NoticeDeadline.TotalSeconds:0} s of the freeze on every silo ready before it");
        }
    }
}
