using Coordinator.Console.App;
using Coordinator.Operations.Campaigns;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>An operator's decision about a campaign; each verb's command only names which.</summary>
public abstract class CampaignActionCommand(CommandRunner runner, CampaignActionOperation operation, CampaignAction action) : AsyncCommand<CampaignActionSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignActionSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.ActAsync(client, action, settings.Service, settings.CampaignId, settings.OperatorName, settings.Reason!);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}
