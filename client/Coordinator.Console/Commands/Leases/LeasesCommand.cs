using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Leases;

[Description("Show the writer leases of a region: holder, fencing token, epoch, INDEX_HASH, expiry, freeze.")]
public sealed class LeasesCommand(CommandRunner runner, LeasesOperation operation) : AsyncCommand<LeasesSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, LeasesSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.RunAsync(client, settings.Service, settings.Region, settings.WriterList);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}
