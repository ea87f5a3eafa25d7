namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>After its host was killed, a surviving silo (not the killed one) hosts the cutover grain.</summary>
public sealed class SurvivorHostsGrainCheck : IRunCheck
{
    public const string Subject = "survivor hosts the cutover grain";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        var killed = run.Faults.OfType<SiloKilled>().ToList();
        foreach (var kill in killed.Where(k => k.WasCutoverHost))
        {
            if (run.HostAfter.Value is not { } host)
            {
                yield return CheckResult.Fail(Subject, $"campaign host failed after the kill: {run.HostAfter.Error}");
                continue;
            }

            var survivor = host.SiloPort is { } port
                && killed.All(k => k.SiloPort != port)
                && run.SiloPorts.Any(p => p.Silo == port);
            yield return CheckResult.Of(
                Subject,
                survivor,
                survivor
                    ? $"a surviving silo (port {host.SiloPort}) hosts the cutover grain now"
                    : $"after the kill the cutover grain is hosted on '{host.SiloPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}', expected a survivor other than {kill.SiloPort}");
        }
    }
}
