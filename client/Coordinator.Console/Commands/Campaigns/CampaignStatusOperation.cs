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
}
