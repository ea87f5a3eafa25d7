using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Consumers;

[Description("Create a consumer group's pointer (CONSUMER_VER and partition count) or grow its partitions; idempotent.")]
public sealed class ConfigureConsumersCommand(CommandRunner runner, ConfigureConsumersOperation operation) : AsyncCommand<ConfigureConsumersSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ConfigureConsumersSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.RunAsync(client, settings.Service, settings.Region, settings.Group, settings.ConsumerVer!, settings.PartitionCount, settings.OperatorName, settings.LedgerPolicy);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}
