using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Campaigns;

[Description("Follow a campaign live until it completes (0), rolls back (6) or waits for approval (7).")]
public sealed class CampaignWatchCommand(CommandRunner runner, CampaignWatcher watcher) : AsyncCommand<CampaignViewSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignViewSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings,
            client => watcher.WatchAsync(client, settings.Service, settings.CampaignId, settings.Json, token), token), cancellationToken);
}
