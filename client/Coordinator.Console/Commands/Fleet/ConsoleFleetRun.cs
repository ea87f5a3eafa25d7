using Coordinator.Console.App;
using Coordinator.Console.Commands.Campaigns;
using Coordinator.Console.Rendering;
using Coordinator.Fleet;
using Spectre.Console;

namespace Coordinator.Console.Commands.Fleet;

/// <summary>How a fleet run ended for the console: the fleet's summary and the command's exit code.</summary>
public sealed record FleetRunResult(FleetSummary Summary, int ExitCode);

/// <summary>
/// The console's side of a <see cref="FleetRun"/>, shared by <c>fleet</c> and <c>demo</c>: progress
/// lines on standard error, optionally the live campaign view, and the exit code of the campaign's
/// final state (1 when it never settled).
/// </summary>
public sealed class ConsoleFleetRun(ConsoleIo io, CampaignWatcher watcher, TimeProvider time)
{
    /// <param name="beforeCampaign">Called once the fleet serves (the demo starts its campaign here); null to wait for one started elsewhere.</param>
    /// <param name="liveView">Follow with the console's campaign view; otherwise progress lines on standard error.</param>
    /// <exception cref="UsageException">A region's arms were not registered in time.</exception>
    public async Task<FleetRunResult> RunAsync(
        IClusterClient client,
        FleetOptions options,
        Func<CancellationToken, Task>? beforeCampaign,
        bool liveView,
        TimeSpan timeout,
        TimeSpan afterSettle,
        CancellationToken cancellationToken)
    {
        var run = new FleetRun(new FleetProgressLog(new CampaignProgressLog(io.Error)), time);

        // The console's own view, exactly as 'campaign watch' shows it.
        Func<CancellationToken, Task>? follow = liveView
            ? token => watcher.WatchAsync(client, options.Service, options.CampaignId, json: false, token)
            : null;
        FleetOutcome outcome;
        try
        {
            outcome = await run.RunAsync(client, options, beforeCampaign, follow, timeout, afterSettle, cancellationToken);
        }
        catch (ArmsNotRegisteredException ex)
        {
            throw new UsageException(ArmsNotRegisteredException.Headline, [ex.Error]);
        }

        if (outcome.TimedOut)
        {
            var seen = outcome.LastSeen;
            io.Error.MarkupLineInterpolated(
                $"[red]timed out[/]: campaign '{options.CampaignId}' of {options.Service} {(seen is null ? "never appeared" : $"was still {seen.State}")} after {timeout.TotalSeconds:0} s");
            return new FleetRunResult(outcome.Summary, ExitCodes.Unexpected);
        }

        return new FleetRunResult(outcome.Summary, CampaignWatcher.ExitCodeOf(outcome.Summary.State));
    }
}
