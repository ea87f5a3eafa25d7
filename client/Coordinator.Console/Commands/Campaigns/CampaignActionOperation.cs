using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Operations.Campaigns;
using Spectre.Console;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>What abort, pause, resume and rollback do: ask the cutover grain, then say where the campaign stands.</summary>
public sealed class CampaignActionOperation(ConsoleIo io)
{
    public async Task<CampaignStatus> ActAsync(IClusterClient client, CampaignAction action, string service, string campaignId, string operatorName, string reason)
    {
        var status = await CampaignOperations.ActAsync(client, action, service, campaignId, operatorName, reason);
        io.Out.MarkupLineInterpolated(
            $"{action.ToString().ToLowerInvariant()} by [bold]{operatorName}[/]: campaign [bold]{campaignId}[/] is {CampaignStatusView.StateText(status.State)}; follow it with 'campaign watch {service} {campaignId}'");
        return status;
    }
}
