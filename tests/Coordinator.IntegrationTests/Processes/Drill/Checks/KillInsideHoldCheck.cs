namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>Every kill fell inside the hold it was aimed at, by the hold step's own timestamps.</summary>
public sealed class KillInsideHoldCheck : IRunCheck
{
    public const string Subject = "kill inside the hold";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        foreach (var kill in run.Faults.OfType<SiloKilled>())
        {
            var hold = run.Campaign.Regions.SingleOrDefault(r => r.Region == kill.Region)?.Steps.FirstOrDefault(s => s.Step == "hold_and_watch");
            var inside = hold?.StartedAt is { } from && from <= kill.At && (hold.FinishedAt is not { } to || kill.At <= to);
            var span = hold is null ? "no such step" : $"hold {hold.StartedAt:O} .. {hold.FinishedAt?.ToString("O") ?? "open"}";
            yield return CheckResult.Of(
                Subject,
                inside,
                inside
                    ? $"{kill.Silo}{(kill.WasCutoverHost ? " (the cutover grain's host)" : string.Empty)} was killed at {kill.At:O}, during {kill.Region}'s hold ({span})"
                    : $"the kill of {kill.Silo} at {kill.At:O} did not fall inside {kill.Region}'s hold_and_watch step ({span})");
        }
    }
}
