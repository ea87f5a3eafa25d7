using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Spectre.Console;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>What <c>campaign list</c> prints: one line per campaign, newest last; or all of them as JSON.</summary>
public sealed class CampaignListOperation(ConsoleIo io)
{
    public void ShowList(IReadOnlyList<CampaignStatus> campaigns, bool json)
    {
        if (json)
        {
            CampaignJson.Write(io.Out, campaigns);
            return;
        }

        if (campaigns.Count == 0)
        {
            io.Out.WriteLine("no campaigns");
            return;
        }

        var table = new Table().AddColumns("Campaign", "State", "Started (UTC)", "By", "Regions done", "Reason");
        foreach (var c in campaigns)
        {
            table.AddRow(
                Markup.Escape(c.CampaignId),
                CampaignStatusView.StateText(c.State),
                Display.Time(c.StartedAt),
                Markup.Escape(c.StartedBy),
                $"{c.Regions.Count(r => r.Outcome == RegionOutcome.Done)}/{c.Regions.Count}",
                Markup.Escape(c.Reason ?? "-"));
        }

        io.Out.Write(table);
    }
}
