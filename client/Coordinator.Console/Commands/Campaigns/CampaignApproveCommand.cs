using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Campaigns;

[Description("Approve a campaign that waits for an operator (the next wave, or an inconclusive gate).")]
public sealed class CampaignApproveCommand(CommandRunner runner, CampaignApproveOperation operation) : AsyncCommand<CampaignApproveSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignApproveSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.ApproveAsync(client, settings.Service, settings.CampaignId, settings.OperatorName, settings.Reason!);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}
