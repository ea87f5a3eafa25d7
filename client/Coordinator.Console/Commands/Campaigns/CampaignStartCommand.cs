using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Campaigns;

[Description("Start a campaign from a spec (the same id and spec again shows the existing one).")]
public sealed class CampaignStartCommand(
    CommandRunner runner, CampaignStartOperation operation, CampaignStatusOperation show, CampaignWatcher watcher) : AsyncCommand<CampaignStartSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignStartSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, async token =>
        {
            // Read once; a spec that is wrong on its own never costs a round trip.
            var file = CampaignSpecFile.Load(settings.SpecPath);
            var spec = file.Require();
            return await runner.WithClusterAsync(settings, async client =>
            {
                spec = file.RequireRegistered(spec, await CampaignSpecFile.RegisteredRegionsAsync(client, spec.Service));
                var status = await operation.StartAsync(client, spec, quiet: settings.Json);
                if (settings.Watch)
                {
                    return await watcher.WatchAsync(client, spec.Service, spec.CampaignId, settings.Json, token);
                }

                show.Show(status, settings.Json);
                return ExitCodes.Ok;
            }, token);
        }, cancellationToken);
}
