using Coordinator.IntegrationTests.Processes.Drill;
using Coordinator.IntegrationTests.Processes.Drill.Checks;

namespace Coordinator.IntegrationTests.Processes.Chaos;

/// <summary>The campaign waited for an operator (<paramref name="Waiting"/>) and the operator aborted it.</summary>
public sealed record OperatorAborted(string Operator, DateTimeOffset At, string Waiting, string Answer, IReadOnlyList<SentCampaignCommand> Sent)
    : FaultRecord($"the campaign waited for an operator ({Waiting}); {Operator} aborted it at {At:O} ({Answer})"), ISentCampaignCommands, IOperatorAborted;

/// <summary>The campaign never waited for an operator.</summary>
public sealed record NoOperatorNeeded() : FaultRecord("the campaign never waited for an operator"), ISentCampaignCommands
{
    public IReadOnlyList<SentCampaignCommand> Sent => [];
}

/// <summary>
/// The on-call operator of a chaos round. A campaign waits for an operator when a gate cannot decide
/// (a hold whose Green window got too few requests because the fleet was frozen, cut off or starved of
/// CPU): the product is right to ask, and an operator without evidence aborts. The wait is read from the
/// fleet's own progress lines, which it prints while it keeps serving.
/// </summary>
public sealed record AbortWhenWaiting : IFault, IOperatorAction
{
    private const string Operator = "chaos-operator";

    /// <summary>How <c>CampaignStatusView.Summary</c> names the state in the fleet's progress lines.</summary>
    private const string WaitingMarker = ": waiting-for-approval, wave ";

    public async Task<FaultRecord> StrikeAsync(LiveRun run)
    {
        await run.CampaignStarted;
        var waiting = await Poll.UntilAsync(
            () => Task.FromResult(WaitLine(run.Fleet.Output) ?? (run.Fleet.HasExited ? string.Empty : null)),
            line => line is not null,
            "the fleet to exit or to print that the campaign waits for an operator",
            run.Description.SettleDeadline + run.Description.HoldDeadline);
        if (waiting is "")
        {
            return new NoOperatorNeeded();
        }

        var at = DateTimeOffset.UtcNow;
        run.Say($"operator: the campaign waits ({waiting}); aborting it");

        // An abort whose answer was lost is sent again: a second one answers the rolling-back campaign unchanged and
        // joins no chain, so the chain holds exactly one abort once any attempt answered 0.
        var abort = await run.Coord.CampaignCommandAsync("abort", "chaos: a gate could not decide; the operator aborts without evidence", Operator);
        var answer = abort.ExitCode == 0 ? "aborted" : "refused (exit 3)";
        run.Say($"operator: campaign abort: {answer}");
        return new OperatorAborted(Operator, at, waiting!, answer, [new SentCampaignCommand("campaign-abort", abort.ExitCode == 0 ? 1 : 0, 1)]);
    }

    public override string ToString() => "an operator aborts if the campaign waits";

    /// <summary>The reason of the first "waiting-for-approval" summary line the fleet printed, or null.</summary>
    private static string? WaitLine(string output)
    {
        var at = output.IndexOf(WaitingMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var end = output.IndexOf('\n', at);
        var line = output[at..(end < 0 ? output.Length : end)];
        var reason = line.IndexOf(": ", WaitingMarker.Length, StringComparison.Ordinal);
        return reason < 0 ? line.Trim() : line[(reason + 2)..].Trim();
    }
}
