using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Evaluate;

[Description("Run a gold set against an arm (POST /ask): ΔS with a real embedder, coverage, λ, latency per stage, and the Warm gate's verdict.")]
public sealed class EvaluateCommand(CommandRunner runner, EvaluateOperation operation) : AsyncCommand<EvaluateSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, async token =>
        {
            var gold = await EvaluateOperation.LoadGoldAsync(settings.Gold!, token);
            return settings.EndpointUri is not null && !settings.Submit
                ? await operation.RunAsync(null, settings, gold, token)
                : await runner.WithClusterAsync(settings, client => operation.RunAsync(client, settings, gold, token), token);
        }, cancellationToken);
}
