using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Audit;

[Description("Show an append-only audit chain (a region's pointer; --writer a lease; --consumer-group a consumer pointer; --campaigns the service's campaigns); --verify checks every hash and link.")]
public sealed class AuditCommand(CommandRunner runner, AuditOperation operation) : AsyncCommand<AuditSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, AuditSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            var verdict = await operation.RunAsync(client, settings.Target, settings.Verify, settings.Json);
            return verdict is { IsValid: false } ? ExitCodes.AuditFailed : ExitCodes.Ok;
        }, token), cancellationToken);
}
