using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Consumers;

[Description("Show the consumer pointers of a region: active CONSUMER_VER, offsets, live instances, counters, current move.")]
public sealed class ConsumersCommand(CommandRunner runner, ConsumersOperation operation) : AsyncCommand<ConsumersSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ConsumersSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.RunAsync(client, settings.Service, settings.Region, settings.GroupList, settings.Json);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}
