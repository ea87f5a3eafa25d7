namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>
/// What the fleet saw as a client must never happen: a lease token or consumer offset going
/// backwards, a lower-epoch read, a write accepted while frozen, a zombie consumer commit accepted.
/// </summary>
public sealed class FleetSafetyCheck : IRunCheck
{
    public static string Subject(string what) => $"fleet: {what}";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        var fleet = run.Fleet;
        if (fleet is null)
        {
            yield return CheckResult.Fail(Subject("summary"), $"the fleet printed no JSON summary; last lines: {run.FleetTail}");
            yield break;
        }

        yield return Zero("lease tokens going backwards", fleet.Writes?.TokenRegressions);
        yield return Zero("consumer offsets going backwards", fleet.Commits?.OffsetRegressions);
        yield return Zero("lower-epoch reads", fleet.Requests?.LowerEpochReads);
        yield return Zero("writes accepted while frozen", fleet.Writes?.AcceptedWhileFrozen);
        yield return Zero("zombie consumer commits accepted", fleet.Commits?.ZombieAccepted);
    }

    private static CheckResult Zero(string what, long? count) =>
        count == 0
            ? CheckResult.Pass(Subject(what), $"fleet: {what}: 0")
            : CheckResult.Fail(Subject(what), $"fleet: {what}: {count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing from the summary"}");
}
