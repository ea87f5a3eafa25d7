namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>
/// `coord audit --verify` passes for every chain the run read: each region's pointer, the service's
/// campaigns, each frozen writer's lease, each paused consumer group's pointer.
/// </summary>
public sealed class AuditChainCheck : IRunCheck
{
    public const string CampaignsChain = "campaigns";

    /// <param name="chain">A region, "campaigns", a lease's "region/writer", or a consumer pointer's "region/group (consumers)".</param>
    public static string Subject(string chain) => $"audit chain {chain}";

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        IEnumerable<(string Chain, Answer<AuditReport> Audit)> chains =
        [
            .. run.Description.Regions.Select(r => (r, run.Audits[r])),
            (CampaignsChain, run.CampaignAudit),
            .. run.LeaseAudits.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => (l.Key, l.Value)),
            .. run.ConsumerAudits.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => ($"{c.Key} (consumers)", c.Value)),
        ];
        foreach (var (chain, audit) in chains)
        {
            if (audit.Value is not { } report)
            {
                yield return CheckResult.Fail(Subject(chain), $"{chain}: audit --verify failed: {audit.Error}");
                continue;
            }

            yield return report.Verification.IsValid
                ? CheckResult.Pass(Subject(chain), $"{chain}: audit chain verifies ({report.Verification.EntryCount} entries)")
                : CheckResult.Fail(Subject(chain), $"{chain}: audit chain does not verify: {report.Verification.Problems}");
        }
    }
}
