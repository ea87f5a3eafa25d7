using System.ComponentModel;
using Coordinator.Campaigns.Json;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Campaigns;

[Description("Validate a campaign spec and print what it will do, region by region; changes nothing. Checks regions against the cluster unless --offline.")]
public sealed class CampaignPlanCommand(CommandRunner runner, CampaignCommands operation) : AsyncCommand<CampaignPlanSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignPlanSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, async token =>
        {
            var path = settings.SpecPath;
            var service = settings.Offline ? null : CampaignSpecFile.ServiceOf(path);
            if (service is null)
            {
                // Offline, or no service to look regions up for (the offline read reports why).
                return operation.Plan(path, CampaignSpecReader.ReadFile(path), regionsChecked: false, settings.Json);
            }

            CampaignSpecReadResult? result = null;
            await runner.WithClusterAsync(settings, async client =>
            {
                result = CampaignSpecReader.ReadFile(path, await CampaignSpecFile.RegisteredRegionsAsync(client, service));
                return ExitCodes.Ok;
            }, token);
            return operation.Plan(path, result!, regionsChecked: true, settings.Json);
        }, cancellationToken);
}

[Description("Start a campaign from a spec (the same id and spec again shows the existing one).")]
public sealed class CampaignStartCommand(CommandRunner runner, CampaignCommands operation, CampaignWatcher watcher) : AsyncCommand<CampaignStartSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignStartSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, async token =>
        {
            // A spec that is wrong on its own never costs a round trip.
            var path = settings.SpecPath;
            var spec = CampaignSpecFile.Require(path, CampaignSpecReader.ReadFile(path));
            return await runner.WithClusterAsync(settings, async client =>
            {
                var registered = await CampaignSpecFile.RegisteredRegionsAsync(client, spec.Service);
                spec = CampaignSpecFile.Require(path, CampaignSpecReader.ReadFile(path, registered));
                var status = await operation.StartAsync(client, spec, quiet: settings.Json);
                if (settings.Watch)
                {
                    return await watcher.WatchAsync(client, spec.Service, spec.CampaignId, settings.Json, token);
                }

                operation.Show(status, settings.Json);
                return ExitCodes.Ok;
            }, token);
        }, cancellationToken);
}

[Description("Follow a campaign live until it completes (0), rolls back (6) or waits for approval (7).")]
public sealed class CampaignWatchCommand(CommandRunner runner, CampaignWatcher watcher) : AsyncCommand<CampaignViewSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignViewSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings,
            client => watcher.WatchAsync(client, settings.Service, settings.CampaignId, settings.Json, token), token), cancellationToken);
}

[Description("List a service's campaigns: the current one and the last finished ones.")]
public sealed class CampaignListCommand(CommandRunner runner, CampaignCommands operation) : AsyncCommand<CampaignListSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignListSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            operation.ShowList(await client.GetGrain<Coordinator.Campaigns.ICutoverGrain>(settings.Service).ListAsync(), settings.Json);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}

[Description("Show a campaign once: each region's step, gate metrics, epochs.")]
public sealed class CampaignStatusCommand(CommandRunner runner, CampaignCommands operation) : AsyncCommand<CampaignViewSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignViewSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            var status = await CampaignCommands.GetAsync(client.GetGrain<Coordinator.Campaigns.ICutoverGrain>(settings.Service), settings.Service, settings.CampaignId);
            operation.Show(status, settings.Json);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}

[Description("Approve a campaign that waits for an operator (the next wave, or an inconclusive gate).")]
public sealed class CampaignApproveCommand(CommandRunner runner, CampaignCommands operation) : AsyncCommand<CampaignApproveSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignApproveSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.ApproveAsync(client, settings.Service, settings.CampaignId, settings.OperatorName, settings.Reason!);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}

/// <summary>An operator's decision about a campaign; the subclasses only name which.</summary>
public abstract class CampaignActionCommand(CommandRunner runner, CampaignCommands operation, CampaignAction action) : AsyncCommand<CampaignActionSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignActionSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.ActAsync(client, action, settings.Service, settings.CampaignId, settings.OperatorName, settings.Reason!);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}

[Description("Abort a campaign: every region it flipped goes back to Blue.")]
public sealed class CampaignAbortCommand(CommandRunner runner, CampaignCommands operation) : CampaignActionCommand(runner, operation, CampaignAction.Abort);

[Description("Pause a running campaign where it is: no step advances until it is resumed.")]
public sealed class CampaignPauseCommand(CommandRunner runner, CampaignCommands operation) : CampaignActionCommand(runner, operation, CampaignAction.Pause);

[Description("Resume a paused campaign.")]
public sealed class CampaignResumeCommand(CommandRunner runner, CampaignCommands operation) : CampaignActionCommand(runner, operation, CampaignAction.Resume);

[Description("Roll back a campaign, also a completed one: every region it flipped goes back to Blue, writers and consumers with it.")]
public sealed class CampaignRollbackCommand(CommandRunner runner, CampaignCommands operation) : CampaignActionCommand(runner, operation, CampaignAction.Rollback);
