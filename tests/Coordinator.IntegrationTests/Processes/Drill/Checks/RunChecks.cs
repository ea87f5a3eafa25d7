namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>Every invariant a drill is held to; a new fault adds its check here.</summary>
public static class RunChecks
{
    public static IReadOnlyList<IRunCheck> All { get; } =
    [
        new CampaignOutcomeCheck(),
        new KillInsideHoldCheck(),
        new SurvivorHostsGrainCheck(),
        new AuditChainCheck(),
        new FlipsOnceCheck(),
        new PointerStepsOnceCheck(),
        new LeaseStepsOnceCheck(),
        new ConsumerMovesOnceCheck(),
        new ConsumerStepsOnceCheck(),
        new CampaignCommandsOnceCheck(),
        new FleetExitCheck(),
        new FleetSafetyCheck(),
        new FleetMatchesAuditCheck(),
    ];

    public static IReadOnlyList<CheckResult> Judge(RunRecord run) => [.. All.SelectMany(c => c.Check(run))];
}
