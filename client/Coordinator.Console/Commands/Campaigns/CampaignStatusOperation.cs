using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>What <c>campaign status</c> does: find the campaign and print it.</summary>
public sealed class CampaignStatusOperation(ConsoleIo io)
{
    /// <summary>Prints a status as a table, or as JSON.</summary>
    public void Show(CampaignStatus status, bool json)
    {
        if (json)
        {
            CampaignJson.Write(io.Out, status);
        }
        else
        {
            io.Out.Write(CampaignStatusView.Render(status));
        }
    }

    /// <exception cref="UsageException">The service has no such campaign (current or recently finished).</exception>
    public static async Task<CampaignStatus> GetAsync(ICutoverGrain grain, string service, string campaignId) =>
        await grain.GetStatusAsync(campaignId)
        ?? throw new UsageException(
            "no such campaign",
            [new FieldError("id", $"'{campaignId}' is not a campaign of {service} (the coordinator keeps the current campaign and the last finished ones)")]);
}
