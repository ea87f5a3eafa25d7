using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Audit;

[Description("Show a region's append-only audit chain; --verify checks every hash and link.")]
public sealed class AuditCommand(CommandRunner runner, AuditOperation operation) : AsyncCommand<AuditSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, AuditSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            var verdict = await operation.RunAsync(client, settings.Service, settings.Region, settings.Verify, settings.Json);
            return verdict is { IsValid: false } ? ExitCodes.AuditFailed : ExitCodes.Ok;
        }, token), cancellationToken);
}
