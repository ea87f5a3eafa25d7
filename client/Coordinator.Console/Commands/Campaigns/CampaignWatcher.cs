using Coordinator.Campaigns;
using Coordinator.Client.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Operations.Campaigns;
using Spectre.Console;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>
/// Follows a campaign on its event stream until it completes, rolls back or waits for an operator.
/// The status is re-read on every change and at least once a second, so a lost event costs a second
/// at most. On a terminal it is a live view with the latest events under it; in CI or when output is
/// redirected it prints a line per event; with --json the lines go to standard error and the final
/// status to standard output.
/// </summary>
public sealed class CampaignWatcher(ConsoleIo io, ConsoleEnvironment environment, TimeProvider time)
{
    /// <summary>How long to wait for an event before re-reading the status anyway.</summary>
    public static readonly TimeSpan QuietInterval = TimeSpan.FromSeconds(1);

    private const int RecentEvents = 8;

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
            await io.Out.Live(LiveView(status, recent))
                .AutoClear(false)
                .StartAsync(async live =>
                {
                    var caughtUp = true;
                    while (!(status.State.IsSettled() && caughtUp))
                    {
                        var update = await follower.NextAsync(QuietInterval, cancellationToken);
                        (status, caughtUp) = (update.Status, update.CaughtUp);
                        foreach (var line in update.Changes.SelectMany(CampaignEventText.Lines))
                        {
                            recent.Enqueue(line);
                            while (recent.Count > RecentEvents)
                            {
                                recent.Dequeue();
                            }
                        }

                        live.UpdateTarget(LiveView(status, recent));
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

    private static Rows LiveView(CampaignStatus status, IEnumerable<string> recent) =>
        new(CampaignStatusView.Render(status), new Panel(new Text(recent.Any() ? string.Join('\n', recent) : "(no events yet)"))
        {
            Header = new PanelHeader("latest events"),
            Expand = true,
        });

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
