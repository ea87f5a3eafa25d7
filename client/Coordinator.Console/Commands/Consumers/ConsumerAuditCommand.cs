using System.ComponentModel;
using Coordinator.Console.App;
using Coordinator.Console.Commands.Audit;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Consumers;

[Description("Show a consumer group's audit chain (configure, pause, resume, moves, offset resets, ledger full); --verify checks every hash and link (exit 5 if it does not hold).")]
public sealed class ConsumerAuditCommand(CommandRunner runner, AuditOperation operation) : AsyncCommand<ConsumerAuditSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ConsumerAuditSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            var verdict = await operation.RunAsync(client, settings.Target, settings.Verify, settings.Json);
            return verdict is { IsValid: false } ? ExitCodes.AuditFailed : ExitCodes.Ok;
        }, token), cancellationToken);
}
