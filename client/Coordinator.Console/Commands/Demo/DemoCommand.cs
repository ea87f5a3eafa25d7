using System.ComponentModel;
using Coordinator.Console.App;
using Coordinator.Console.Demo;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Demo;

[Description("Start an embedded in-memory silo in this process and walk through registering, flipping and auditing rag-api.")]
public sealed class DemoCommand(CommandRunner runner, ConsoleIo io, DemoScenario scenario) : AsyncCommand<DemoSettings>
{
    public const string Banner = "DEMO — embedded, in-memory, not durable";

    public override Task<int> ExecuteAsync(CommandContext context, DemoSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, async token =>
        {
            io.Out.Write(new Rule($"[bold yellow]{Banner}[/]").DoubleBorder());
            io.Out.WriteLine("Everything below lives in this process's memory and is gone when it exits.");

            await using var silo = await EmbeddedSilo.StartAsync("coordinator-demo", "coordinator-demo", token);
            io.Out.MarkupLineInterpolated(
                $"started one silo: silo port {silo.Options.SiloPort}, gateway port {silo.GatewayPort}, cluster id '{silo.Options.ClusterId}'");

            var ok = await scenario.RunAsync(silo.Client, token);
            io.Out.WriteLine();
            if (ok)
            {
                io.Out.MarkupLine($"[green]demo finished[/]: {Banner}; stopping the silo discards all of it.");
                return ExitCodes.Ok;
            }

            io.Error.MarkupLine("[red]demo failed[/]: see the messages above");
            return ExitCodes.Unexpected;
        }, cancellationToken);
}
