using Coordinator.IntegrationTests.Processes.Drill;
using Coordinator.IntegrationTests.Processes.Drill.Checks;

namespace Coordinator.IntegrationTests.Processes.Chaos;

/// <summary>What an operator's pause and resume did, and so what the campaign chain must hold.</summary>
public sealed record CampaignPausedAndResumed(DateTimeOffset At, string Pause, string? Resume, IReadOnlyList<SentCampaignCommand> Sent)
    : FaultRecord($"an operator paused the campaign at {At:O} ({Pause}){(Resume is null ? string.Empty : $" and resumed it ({Resume})")}"), ISentCampaignCommands;

/// <summary>
/// An operator, through the console, pauses the campaign <paramref name="After"/> into it and resumes it
/// <paramref name="Length"/> later, whatever else strikes meanwhile. A pause refused because the campaign
/// no longer runs (rolling back, settled) is expected; each command is counted in the campaign chain.
/// </summary>
public sealed record PauseCampaign(TimeSpan After, TimeSpan Length) : IFault
{
    private const string Operator = "chaos-operator";

    public async Task<FaultRecord> StrikeAsync(LiveRun run)
    {
        await run.CampaignStarted;
        await Task.Delay(After);
        var at = DateTimeOffset.UtcNow;
        // Sent once: a pause whose answer was lost is read back from the status below, not sent again.
        var pause = await run.Coord.RunAsync(
            "campaign-pause", "campaign", "pause", run.Description.Service, run.Description.CampaignId, "--reason", "chaos: an operator pauses the campaign", "--operator", Operator);
        if (pause.ExitCode == 3)
        {
            // Refused, nothing changed: the campaign was not running any more.
            run.Say($"fault: campaign pause refused (exit 3): {Last(pause)}");
            return new CampaignPausedAndResumed(at, "refused: not running", null, [new SentCampaignCommand("campaign-pause", 0, 0)]);
        }

        // Only this fault pauses, so a paused campaign now was paused by this command, once.
        var paused = pause.ExitCode == 0 || await IsPausedAsync(run);
        var pauseText = pause.ExitCode == 0 ? "paused" : paused ? $"exit {pause.ExitCode}, but paused" : $"exit {pause.ExitCode}, not paused";
        run.Say($"fault: campaign pause: {pauseText}; resuming in {Length.TotalSeconds:0} s");
        await Task.Delay(Length); // how long the operator waits is the fault itself, not a synchronisation

        // Resuming a running campaign changes nothing, so a resume whose answer was lost is sent again.
        var resume = await run.Coord.CampaignCommandAsync("resume", "chaos: the operator resumes the campaign", Operator);
        var resumeText = resume.ExitCode == 0 ? "resumed" : $"refused (exit 3): {Last(resume)}";
        run.Say($"fault: campaign resume: {resumeText}");
        return new CampaignPausedAndResumed(
            at,
            pauseText,
            resumeText,
            [
                new SentCampaignCommand("campaign-pause", paused ? 1 : 0, 1),
                new SentCampaignCommand("campaign-resume", paused ? 1 : 0, 1),
            ]);
    }

    public override string ToString() => $"an operator pauses the campaign for {Length.TotalSeconds:0}s at +{After.TotalSeconds:0}s";

    private static async Task<bool> IsPausedAsync(LiveRun run)
    {
        var status = await Poll.SucceedsAsync(
            () => run.Coord.JsonAsync<CampaignReport>("status-after-pause", "campaign", "status", run.Description.Service, run.Description.CampaignId),
            "`coord campaign status` to answer after a pause whose answer was lost",
            run.Description.ReadyDeadline,
            run.Description.CommandDeadline);
        return status.State == "paused";
    }

    private static string Last(CommandResult result) => result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? string.Empty;
}
