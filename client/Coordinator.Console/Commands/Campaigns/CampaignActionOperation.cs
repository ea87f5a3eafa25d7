using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Spectre.Console;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>An operator's decision about a campaign: abort, pause, resume or roll back.</summary>
public enum CampaignAction
{
    Abort,
    Pause,
    Resume,
    Rollback,
}

/// <summary>What abort, pause, resume and rollback do: ask the cutover grain, then say where the campaign stands.</summary>
public sealed class CampaignActionOperation(ConsoleIo io)
{
    public async Task<CampaignStatus> ActAsync(IClusterClient client, CampaignAction action, string service, string campaignId, string operatorName, string reason)
    {
        var grain = client.GetGrain<ICutoverGrain>(service);
        var status = action switch
        {
            CampaignAction.Abort => await grain.AbortAsync(campaignId, operatorName, reason),
            CampaignAction.Pause => await grain.PauseAsync(campaignId, operatorName, reason),
            CampaignAction.Resume => await grain.ResumeAsync(campaignId, operatorName, reason),
            _ => await grain.RollbackAsync(campaignId, operatorName, reason),
        };
        io.Out.MarkupLineInterpolated(
            $"{action.ToString().ToLowerInvariant()} by [bold]{operatorName}[/]: campaign [bold]{campaignId}[/] is {CampaignStatusView.StateText(status.State)}; follow it with 'campaign watch {service} {campaignId}'");
        return status;
    }
}
