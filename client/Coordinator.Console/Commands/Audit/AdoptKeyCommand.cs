using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Audit;

[Description("Pin a chain written before the audit key was configured: append one keyed adopt-key entry covering its head, so --verify passes from then on. Adopt only history you trust: it vouches for the unkeyed entries as they stand.")]
public sealed class AdoptKeyCommand(CommandRunner runner, AdoptKeyOperation operation) : AsyncCommand<AdoptKeySettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, AdoptKeySettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            var adoption = await operation.RunAsync(client, settings.Target, settings.OperatorName, settings.Reason!, settings.Json);
            return adoption.Verification is { IsValid: false } ? ExitCodes.AuditFailed : ExitCodes.Ok;
        }, token), cancellationToken);
}
