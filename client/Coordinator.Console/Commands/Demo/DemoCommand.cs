using System.ComponentModel;
using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Commands.Campaigns;
using Coordinator.Console.Commands.Fleet;
using Coordinator.Console.Rendering;
using Coordinator.Fleet;
using Coordinator.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Demo;

[Description("DEMO: an embedded in-memory silo, a simulated fleet on the real SDK, and the campaign in infra/campaigns/demo.json followed live; ends with the fleet's summary. Exit 0 completed, 6 rolled back (the expected end with --inject).")]
public sealed class DemoCommand(CommandRunner runner, ConsoleIo io, CampaignStartOperation start, ConsoleFleetRun run) : AsyncCommand<DemoSettings>
{
    public const string Banner = "DEMO — simulated fleet, embedded in-memory silo";
    public const string Operator = "demo-operator";

    public static readonly TimeSpan AfterSettle = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public override Task<int> ExecuteAsync(CommandContext context, DemoSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, async token =>
        {
            var spec = DemoCampaign.Read();
            var regions = spec.Waves.SelectMany(w => w.Regions).ToList();
            var injections = settings.Injections;
            var errors = new List<FieldError>();
            FaultInjection.CheckRegions(injections, regions, errors);
            if (errors.Count > 0)
            {
                throw new UsageException("nothing to degrade there", errors);
            }

            // With --json, standard output carries only the summary.
            var lines = settings.Json ? io.Error : io.Out;
            lines.Write(new Rule($"[bold yellow]{Banner}[/]").DoubleBorder());
            lines.WriteLine("The fleet's traffic and quality numbers are simulated; the coordinator, SDK, gates and fences are the real product.");
            lines.WriteLine("Everything lives in this process's memory and is gone when it exits.");

            await using var silo = await EmbeddedSilo.StartAsync("coordinator-demo", "coordinator-demo", logging => logging.UseQuietConsoleLogging(), token);
            lines.MarkupLineInterpolated($"started one silo: silo port {silo.Options.SiloPort}, gateway port {silo.GatewayPort}");
            await RegisterAsync(silo.Client, spec, regions, lines);

            var options = new FleetOptions
            {
                Service = spec.Service,
                Regions = regions,
                CampaignId = spec.CampaignId,
                Writer = spec.Fences.Writers?.FirstOrDefault() ?? "indexer",
                ConsumerGroup = spec.Fences.ConsumerGroups?.FirstOrDefault() ?? "webhooks",
                Injections = injections,
            };
            // The fleet starts the campaign once every region has served a Blue baseline.
            var outcome = await run.RunAsync(
                silo.Client, options, _ => start.StartAsync(silo.Client, spec, quiet: settings.Json), liveView: !settings.Json, Timeout, AfterSettle, token);

            if (settings.Json)
            {
                CampaignJson.Write(io.Out, outcome.Summary);
            }
            else
            {
                io.Out.WriteLine();
                io.Out.Write(FleetSummaryView.Render(outcome.Summary));
            }

            lines.WriteLine();
            lines.MarkupLine(Ending(outcome.Summary, injections.Count > 0));
            return outcome.ExitCode;
        }, cancellationToken);

    /// <summary>Blue is each region's own build; Green is the campaign's target, identical everywhere (Verify invariants checks it).</summary>
    private static async Task RegisterAsync(IClusterClient client, CampaignSpec spec, IReadOnlyList<string> regions, IAnsiConsole lines)
    {
        foreach (var region in regions)
        {
            var pointer = client.GetGrain<ISwitchoverGrain>(RegionKey.Format(spec.Service, region));
            await pointer.RegisterArmAsync(Arm.Blue, DemoManifests.For(spec.Service, region, Arm.Blue), Operator);
            await pointer.RegisterArmAsync(Arm.Green, spec.Target, Operator);
        }

        lines.MarkupLineInterpolated(
            $"registered Blue and Green (the campaign's target, index {spec.Target.IndexHash}) for [bold]{spec.Service}[/] in {string.Join(", ", regions)}");
    }

    private static string Ending(FleetSummary summary, bool injected) => summary.State switch
    {
        CampaignState.Completed => $"[green]demo finished[/]: every region serves Green; {Markup.Escape(Banner)}.",
        CampaignState.RolledBack when injected =>
            $"[yellow]demo finished as injected[/]: the gates stopped the campaign and every region went back to Blue (exit 6 is the expected end with --inject).",
        _ => $"[red]demo ended {CampaignStatusView.StateText(summary.State)}[/]: see the reason above.",
    };
}
