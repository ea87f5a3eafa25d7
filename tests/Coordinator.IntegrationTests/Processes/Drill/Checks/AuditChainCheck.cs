namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>`coord audit --verify` passes for every region.</summary>
public sealed class AuditChainCheck : IRunCheck
{
    public static string Subject(string region) => $"audit chain {region}";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        foreach (var region in run.Description.Regions)
        {
            var audit = run.Audits[region];
            if (audit.Value is not { } report)
            {
                yield return CheckResult.Fail(Subject(region), $"{region}: audit --verify failed: {audit.Error}");
                continue;
            }

            yield return report.Verification.IsValid
                ? CheckResult.Pass(Subject(region), $"{region}: audit chain verifies ({report.Verification.EntryCount} entries)")
                : CheckResult.Fail(Subject(region), $"{region}: audit chain does not verify: {report.Verification.Problems}");
        }
    }
}
