using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Operations.Campaigns;
using Spectre.Console;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>What <c>campaign approve</c> does: approve, then say where the campaign stands.</summary>
public sealed class CampaignApproveOperation(ConsoleIo io)
{
    public async Task<CampaignStatus> ApproveAsync(IClusterClient client, string service, string campaignId, string approver, string reason)
    {
        var status = await CampaignOperations.ApproveAsync(client, service, campaignId, approver, reason);
        io.Out.MarkupLineInterpolated($"approved by [bold]{approver}[/]: campaign [bold]{campaignId}[/] is {CampaignStatusView.StateText(status.State)} again");
        io.Out.WriteLine(CampaignStatusView.Summary(status));
        return status;
    }
}
