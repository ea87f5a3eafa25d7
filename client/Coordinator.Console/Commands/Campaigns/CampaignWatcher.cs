using Coordinator.Campaigns;
using Coordinator.Client.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Console.Rendering.Live;
using Coordinator.Operations.Campaigns;
using Spectre.Console;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>
/// Follows a campaign on its event stream until it completes, rolls back or waits for an operator.
/// The status is re-read on every change and at least once a second, so a lost event costs a second
/// at most. On a terminal it is a live view sized to the terminal (<see cref="CampaignScreenPlanner"/>):
/// waves, regions and the latest events, with gate metrics only for regions holding or failing; in CI
/// or when output is redirected it prints a line per event and the full status at the end; with --json
/// the lines go to standard error and the final status to standard output.
/// </summary>
public sealed class CampaignWatcher(ConsoleIo io, ConsoleEnvironment environment, TimeProvider time)
{
    /// <summary>How long to wait for an event before re-reading the status anyway.</summary>
    public static readonly TimeSpan QuietInterval = TimeSpan.FromSeconds(1);

    /// <summary>Event lines kept for the live view; it shows as many of the latest as the terminal has room for.</summary>
    private const int RecentEvents = 48;

    /// <returns>The exit code of the state the campaign settled in.</returns>
    public async Task<int> WatchAsync(IClusterClient client, string service, string campaignId, bool json, CancellationToken cancellationToken)
    {
        // Fails with the console's usual "no such campaign" error before anything is subscribed.
        await CampaignOperations.GetAsync(client, service, campaignId);
        await using var follower = await CampaignFollower.StartAsync(client, service, campaignId);
        var status = follower.Status;
        if (!json && IsInteractive())
        {
            var recent = new Queue<string>();
            var filter = new CampaignEventText.Filter();
            await io.Out.Live(CampaignLiveView.Render(status, [.. recent], io.Out))
                .AutoClear(false)
                .Overflow(VerticalOverflow.Crop)
                .StartAsync(async live =>
                {
                    var caughtUp = true;
                    while (!(status.State.IsSettled() && caughtUp))
                    {
                        var update = await follower.NextAsync(QuietInterval, cancellationToken);
                        (status, caughtUp) = (update.Status, update.CaughtUp);

                        // A hold verdict repeated every window says nothing new; the metric lines show its numbers.
                        foreach (var line in update.Changes.SelectMany(filter.Lines))
                        {
                            recent.Enqueue(line);
                            while (recent.Count > RecentEvents)
                            {
                                recent.Dequeue();
                            }
                        }

                        live.UpdateTarget(CampaignLiveView.Render(status, [.. recent], io.Out));
                        live.Refresh();
                    }
                });
        }
        else
        {
            var log = new CampaignProgressLog(json ? io.Error : io.Out);
            var events = new CampaignEventText.Filter();
            log.Print(status, time.GetUtcNow());
            var caughtUp = true;
            while (!(status.State.IsSettled() && caughtUp))
            {
                var update = await follower.NextAsync(QuietInterval, cancellationToken);
                (status, caughtUp) = (update.Status, update.CaughtUp);
                foreach (var change in update.Changes)
                {
                    foreach (var line in events.Lines(change))
                    {
                        log.Line(line);
                    }
                }

                if (update.Gap)
                {
                    // Some events never arrived: say where everything stands now instead.
                    log.Print(status, time.GetUtcNow());
                }
            }

            if (!json)
            {
                io.Out.Write(CampaignStatusView.Render(status));
            }
        }

        if (json)
        {
            CampaignJson.Write(io.Out, status);
        }

        return ExitCodeOf(status.State);
    }

    /// <summary>The exit code of the state a followed campaign settled in (see EXIT_CODES.md).</summary>
    public static int ExitCodeOf(CampaignState state) => state switch
    {
        CampaignState.Completed => ExitCodes.Ok,
        CampaignState.RolledBack => ExitCodes.RolledBack,
        CampaignState.WaitingForApproval => ExitCodes.WaitingForApproval,
        CampaignState.RollbackBlocked => ExitCodes.RollbackBlocked,
        _ => ExitCodes.Unexpected,
    };

    /// <summary>A live view needs a terminal that understands ANSI and is not a CI log.</summary>
    private bool IsInteractive()
    {
        var ci = environment.Get("CI");
        if (ci is not null && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0")
        {
            return false;
        }

        var capabilities = io.Out.Profile.Capabilities;
        return capabilities.Interactive && capabilities.Ansi;
    }
}
