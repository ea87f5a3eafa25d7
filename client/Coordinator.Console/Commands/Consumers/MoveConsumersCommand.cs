using System.ComponentModel;
using Coordinator.Console.App;
using Coordinator.Fences;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Consumers;

[Description("Move a consumer group to another CONSUMER_VER: pause the current version, wait for its drain, hand its offsets over. Exit 3 when the drain fails.")]
public sealed class MoveConsumersCommand(CommandRunner runner, MoveConsumersOperation operation) : AsyncCommand<MoveConsumersSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, MoveConsumersSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            var input = settings.ToInput();
            var move = await operation.RunAsync(client, settings.Service, settings.Region, settings.Group, input, token);
            return move.State switch
            {
                MoveState.Failed => ExitCodes.Refused,

                // Followed well past its drain timeout and still not ended by the pointer.
                MoveState.Draining when input.Wait => ExitCodes.Unexpected,
                _ => ExitCodes.Ok,
            };
        }, token), cancellationToken);
}
