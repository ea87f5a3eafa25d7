using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Status;

[Description("Show the active arm, epoch, owner and both manifests of every region of a service.")]
public sealed class StatusCommand(CommandRunner runner, StatusOperation operation) : AsyncCommand<StatusSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, StatusSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.RunAsync(client, settings.Service, settings.RegionList);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}
