using System.ComponentModel;
using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Operations.Campaigns;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Campaigns;

[Description("Show a campaign once: each region's step, gate metrics, epochs.")]
public sealed class CampaignStatusCommand(CommandRunner runner, CampaignStatusOperation operation) : AsyncCommand<CampaignViewSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignViewSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            var status = await CampaignOperations.GetAsync(client, settings.Service, settings.CampaignId);
            operation.Show(status, settings.Json);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}
