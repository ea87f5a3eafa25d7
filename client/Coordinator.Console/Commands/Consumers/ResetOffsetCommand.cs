using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Consumers;

[Description("Set one partition's committed offset explicitly (the only way back); audited on the pointer.")]
public sealed class ResetOffsetCommand(CommandRunner runner, ResetOffsetOperation operation) : AsyncCommand<ResetOffsetSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ResetOffsetSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.RunAsync(client, settings.Service, settings.Region, settings.Group, settings.PartitionNumber, settings.OffsetValue, settings.OperatorName, settings.Reason!);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}
