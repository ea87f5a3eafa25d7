using System.ComponentModel;
using Coordinator.Campaigns.Json;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Campaigns;

[Description("Validate a campaign spec and print what it will do, region by region; changes nothing. Checks regions against the cluster unless --offline.")]
public sealed class CampaignPlanCommand(CommandRunner runner, CampaignPlanOperation operation) : AsyncCommand<CampaignPlanSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignPlanSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, async token =>
        {
            var file = CampaignSpecFile.Load(settings.SpecPath);
            var service = settings.Offline ? null : file.Service;
            if (service is null)
            {
                // Offline, or no service to look regions up for (the offline read reports why).
                return operation.Plan(file, file.Read(), regionsChecked: false, settings.Json);
            }

            CampaignSpecReadResult? result = null;
            await runner.WithClusterAsync(settings, async client =>
            {
                result = file.Read(await CampaignSpecFile.RegisteredRegionsAsync(client, service));
                return ExitCodes.Ok;
            }, token);
            return operation.Plan(file, result!, regionsChecked: true, settings.Json);
        }, cancellationToken);
}
