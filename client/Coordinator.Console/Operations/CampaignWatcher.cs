using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Spectre.Console;

namespace Coordinator.Console.Operations;

/// <summary>
/// Follows a campaign by polling its status about four times a second until it completes, rolls back
/// or waits for an operator. On a terminal it is a live view; in CI or when output is redirected it
/// prints a line per change; with --json the lines go to standard error and the final status to
/// standard output.
/// </summary>
public sealed class CampaignWatcher(ConsoleIo io, ConsoleEnvironment environment, TimeProvider time)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <returns>The exit code of the state the campaign settled in.</returns>
    public async Task<int> WatchAsync(IClusterClient client, string service, string campaignId, bool json, CancellationToken cancellationToken)
    {
        var grain = client.GetGrain<ICutoverGrain>(service);
        var status = await CampaignCommands.GetAsync(grain, service, campaignId);
        if (!json && IsInteractive())
        {
            await io.Out.Live(CampaignStatusView.Render(status))
                .AutoClear(false)
                .StartAsync(async live =>
                {
                    while (!IsSettled(status.State))
                    {
                        await Task.Delay(PollInterval, time, cancellationToken);
                        status = await CampaignCommands.GetAsync(grain, service, campaignId);
                        live.UpdateTarget(CampaignStatusView.Render(status));
                        live.Refresh();
                    }
                });
        }
        else
        {
            var lines = json ? io.Error : io.Out;
            var log = new ChangeLog();
            log.Print(lines, status, time.GetUtcNow());
            while (!IsSettled(status.State))
            {
                await Task.Delay(PollInterval, time, cancellationToken);
                status = await CampaignCommands.GetAsync(grain, service, campaignId);
                log.Print(lines, status, time.GetUtcNow());
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

    /// <summary>Completed, rolled back, or waiting for an operator: nothing more happens without someone acting.</summary>
    public static bool IsSettled(CampaignState state) =>
        state is CampaignState.Completed or CampaignState.RolledBack or CampaignState.WaitingForApproval;

    public static int ExitCodeOf(CampaignState state) => state switch
    {
        CampaignState.Completed => ExitCodes.Ok,
        CampaignState.RolledBack => ExitCodes.RolledBack,
        CampaignState.WaitingForApproval => ExitCodes.WaitingForApproval,
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

    /// <summary>Remembers the last line printed for the campaign and each region; prints only what changed.</summary>
    private sealed class ChangeLog
    {
        private readonly Dictionary<string, string> _last = new(StringComparer.Ordinal);

        public void Print(IAnsiConsole console, CampaignStatus status, DateTimeOffset now)
        {
            var stamp = Display.Time(now);
            foreach (var region in status.Regions)
            {
                Emit(console, "region:" + region.Region, CampaignStatusView.RegionLine(region), stamp);
            }

            Emit(console, "campaign", CampaignStatusView.Summary(status), stamp);
        }

        private void Emit(IAnsiConsole console, string key, string line, string stamp)
        {
            if (_last.TryGetValue(key, out var previous) && previous == line)
            {
                return;
            }

            _last[key] = line;
            console.Profile.Out.Writer.WriteLine($"{stamp} {line}");
            console.Profile.Out.Writer.Flush();
        }
    }
}
