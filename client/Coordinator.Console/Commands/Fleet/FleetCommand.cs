using System.ComponentModel;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Fleet;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Fleet;

[Description("Run a SIMULATED fleet (request loops, evaluator, fenced writer and consumers per region, on the real SDK) against a cluster while a campaign runs; print what it saw. Exit as 'campaign watch': 0 completed, 6 rolled back, 7 waiting for approval.")]
public sealed class FleetCommand(CommandRunner runner, ConsoleIo io, ConsoleFleetRun run) : AsyncCommand<FleetSettings>
{
    /// <summary>Long enough for requests after the cutover to be served by the new arm.</summary>
    public static readonly TimeSpan AfterSettle = TimeSpan.FromSeconds(3);

    public override Task<int> ExecuteAsync(CommandContext context, FleetSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            var options = new FleetOptions
            {
                Service = settings.Service!,
                Regions = settings.RegionList,
                CampaignId = settings.Campaign!,
                Writer = settings.Writer,
                ConsumerGroup = settings.ConsumerGroup,
                Injections = settings.Injections,
                UntilEnded = settings.UntilEnded,
            };
            var outcome = await run.RunAsync(client, options, beforeCampaign: null, liveView: false,
                TimeSpan.FromSeconds(settings.Timeout), AfterSettle, token);
            if (settings.Json)
            {
                CampaignJson.Write(io.Out, outcome.Summary);
            }
            else
            {
                io.Out.Write(FleetSummaryView.Render(outcome.Summary));
            }

            return outcome.ExitCode;
        }, token), cancellationToken);
}
