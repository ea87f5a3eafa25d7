using System.ComponentModel;
using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Campaigns;

[Description("Show which silo hosts the service's cutover grain (the one driving its campaigns), from the grain directory; never activates it.")]
public sealed class CampaignHostCommand(CommandRunner runner, ConsoleIo io) : AsyncCommand<CampaignHostSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignHostSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            var grain = client.GetGrain<ICutoverGrain>(settings.Service);

            // A directory lookup, not a call: asking the grain itself would activate it somewhere.
            var silo = await client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
            var endpoint = silo?.Endpoint;
            if (settings.Json)
            {
                CampaignJson.Write(io.Out, new
                {
                    settings.Service,
                    Grain = grain.GetGrainId().ToString(),
                    Silo = endpoint?.ToString(),
                    SiloPort = endpoint?.Port,
                });
            }
            else if (endpoint is null)
            {
                io.Out.MarkupLineInterpolated($"the cutover grain of [bold]{settings.Service}[/] is not active on any silo (the next campaign command activates it)");
            }
            else
            {
                io.Out.MarkupLineInterpolated($"the cutover grain of [bold]{settings.Service}[/] is active on silo [bold]{endpoint.ToString()}[/]");
            }

            return ExitCodes.Ok;
        }, token), cancellationToken);
}
