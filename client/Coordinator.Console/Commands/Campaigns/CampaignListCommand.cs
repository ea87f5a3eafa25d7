using System.ComponentModel;
using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Operations.Campaigns;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Campaigns;

[Description("List a service's campaigns: the current one and the last finished ones.")]
public sealed class CampaignListCommand(CommandRunner runner, CampaignListOperation operation) : AsyncCommand<CampaignListSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignListSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            operation.ShowList(await CampaignOperations.ListAsync(client, settings.Service), settings.Json);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}
