using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Operations.Campaigns;
using Spectre.Console;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>What <c>campaign start</c> (and the demo) do with a valid spec: start it, or find it already started.</summary>
public sealed class CampaignStartOperation(ConsoleIo io)
{
    /// <summary>Starts the campaign, or finds it already started with the same spec (a replay changes nothing).</summary>
    public async Task<CampaignStatus> StartAsync(IClusterClient client, CampaignSpec spec, bool quiet)
    {
        var (status, replayed) = await CampaignOperations.StartAsync(client, spec);
        var lines = quiet ? io.Error : io.Out;
        if (replayed)
        {
            lines.MarkupLineInterpolated(
                $"already started: campaign [bold]{status.CampaignId}[/] with this spec is {CampaignStatusView.StateText(status.State)} (started {Display.Time(status.StartedAt)} by {status.StartedBy}); nothing changed");
        }
        else
        {
            lines.MarkupLineInterpolated(
                $"started campaign [bold]{status.CampaignId}[/] for [bold]{status.Service}[/]: {status.Regions.Count} region(s) in {status.WaveCount} wave(s)");
        }

        return status;
    }
}
