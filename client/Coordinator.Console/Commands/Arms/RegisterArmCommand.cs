using System.ComponentModel;
using Coordinator.Console.App;
using Coordinator.Console.Manifests;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Arms;

[Description("Register (or replace) the manifest of an arm in a region. The active arm's manifest cannot be replaced.")]
public sealed class RegisterArmCommand(CommandRunner runner, RegisterArmOperation operation) : AsyncCommand<RegisterArmSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, RegisterArmSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, async token =>
        {
            // The file is checked before connecting: a bad manifest never costs a round trip.
            var manifest = ManifestReader.ReadFile(settings.ManifestPath);
            return await runner.WithClusterAsync(settings, async client =>
            {
                await operation.RunAsync(client, settings.Service, settings.Region, settings.ParsedArm, manifest, settings.OperatorName);
                return ExitCodes.Ok;
            }, token);
        }, cancellationToken);
}
