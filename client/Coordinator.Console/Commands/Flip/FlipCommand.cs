using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Flip;

[Description("Move a region's traffic to the other arm (compare-and-set on the epoch).")]
public sealed class FlipCommand(CommandRunner runner, FlipOperation operation) : AsyncCommand<FlipSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, FlipSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.RunAsync(client, settings.Service, settings.Region, settings.ToInput());
            return ExitCodes.Ok;
        }, token), cancellationToken);
}
