namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>The fleet exits 0 after a completed campaign and 6 after a rollback (client/Coordinator.Console/EXIT_CODES.md).</summary>
public sealed class FleetExitCheck : IRunCheck
{
    public const string Subject = "fleet exit code";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        var expected = run.Campaign.State == "completed" ? 0 : 6;
        yield return run.FleetExitCode == expected
            ? CheckResult.Pass(Subject, $"fleet exited {run.FleetExitCode} (campaign {run.Campaign.State})")
            : CheckResult.Fail(Subject, $"fleet exited {run.FleetExitCode}, expected {expected} (campaign {run.Campaign.State}); last lines: {run.FleetTail}");
    }
}
