namespace Coordinator.IntegrationTests.Processes.Drill.Checks;

/// <summary>A campaign command a fault sent as an operator would, and how many entries it may leave (a range when its answer was lost).</summary>
public sealed record SentCampaignCommand(string Command, int AtLeast, int AtMost);

/// <summary>A fault that sent campaign commands; the campaign chain must hold exactly what they did.</summary>
public interface ISentCampaignCommands
{
    IReadOnlyList<SentCampaignCommand> Sent { get; }
}

/// <summary>
/// The service's campaign chain names the campaign's commands exactly as often as they happened: one
/// start, one approve per approval the status lists, and the pauses, resumes, aborts and rollbacks the
/// run's faults sent (none unless a fault sent them); no other command.
/// </summary>
public sealed class CampaignCommandsOnceCheck : IRunCheck
{
    public static string Subject(string command) => $"campaign chain {command}";

    private static readonly string[] Commands = ["campaign-start", "campaign-approve", "campaign-pause", "campaign-resume", "campaign-abort", "campaign-rollback"];

    public IEnumerable<CheckResult> Check(RunRecord run)
    {
        var campaignId = run.Description.CampaignId;
        if (run.CampaignAudit.Value is not { } audit)
        {
            yield return CheckResult.Fail(Subject("audit"), $"no campaign audit to read: {run.CampaignAudit.Error}");
            yield break;
        }

        var entries = audit.Entries.Where(e => e.Field("campaign") == campaignId).ToList();
        var sent = run.Faults.OfType<ISentCampaignCommands>().SelectMany(f => f.Sent).ToList();
        var approvals = run.Campaign.Approvals?.Count ?? 0;
        foreach (var command in Commands)
        {
            var count = entries.Count(e => e.Command == command);
            var (least, most) = command switch
            {
                "campaign-start" => (1, 1),
                "campaign-approve" => (approvals, approvals),
                _ => (0, 0),
            };
            least += sent.Where(s => s.Command == command).Sum(s => s.AtLeast);
            most += sent.Where(s => s.Command == command).Sum(s => s.AtMost);
            var wanted = least == most ? $"{least}" : $"{least} to {most}";
            yield return CheckResult.Of(
                Subject(command),
                count >= least && count <= most,
                $"campaign chain: {command} {count} times for {campaignId}, expected {wanted}");
        }

        var others = entries.Where(e => !Commands.Contains(e.Command)).Select(e => e.Command).ToList();
        if (others.Count > 0)
        {
            yield return CheckResult.Fail(Subject("other"), $"campaign chain: unexpected commands for {campaignId}: {string.Join(", ", others)}");
        }
    }
}
