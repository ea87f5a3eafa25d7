using System.ComponentModel;
using Coordinator.Arms;
using Coordinator.Campaigns;
using Coordinator.Console.App;
using Coordinator.Console.Commands.Campaigns;
using Coordinator.Console.Commands.Fleet;
using Coordinator.Console.Rendering;
using Coordinator.Edge;
using Coordinator.Edge.Hosting;
using Coordinator.Evaluation.Embeddings;
using Coordinator.Fleet;
using Coordinator.Fleet.Http;
using Coordinator.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Demo;

[Description("DEMO: an embedded in-memory silo, real Blue and Green HTTP arms per region behind an edge per region, HTTP traffic through the edges, simulated writers and consumers, Warm Green measured by the coordinator (a gold subset, MiniLM), and the campaign in infra/campaigns/demo.json followed live; ends with the summary. Exit 0 completed, 6 rolled back (the expected end with --inject).")]
public sealed class DemoCommand(CommandRunner runner, ConsoleIo io, CampaignStartOperation start, ConsoleFleetRun run) : AsyncCommand<DemoSettings>
{
    public const string Banner = "DEMO — real HTTP arms behind an edge per region; Warm Green measured by the coordinator; simulated writers and consumers; embedded in-memory silo";
    public const string Operator = "demo-operator";

    /// <summary>The service's path prefix at each edge.</summary>
    public const string PathPrefix = "/rag-api";

    /// <summary>Closed request loops per region, and the pause after each answer.</summary>
    public const int LoopsPerRegion = 8;

    public static readonly TimeSpan LoopPause = TimeSpan.FromMilliseconds(2);

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
            errors.AddRange(DemoArms.Check(injections));
            if (errors.Count > 0)
            {
                throw new UsageException("nothing to degrade there", errors);
            }

            // With --json, standard output carries only the summary.
            var lines = settings.Json ? io.Error : io.Out;
            lines.Write(new Rule($"[bold yellow]{Markup.Escape(Banner)}[/]").DoubleBorder());
            lines.WriteLine("Requests are real HTTP through a YARP edge per region to real Blue and Green arms on loopback; the writers and consumers are simulated; the coordinator, SDK, gates and fences are the real product.");
            if (spec.Warm is { } warm)
            {
                lines.WriteLine(
                    $"At Warm Green the coordinator itself asks each region's real Green every paraphrase of every item of the gold set {warm.GoldSet} "
                    + $"with seeds {string.Join(" and ", warm.Seeds)} (after {warm.Warmup} warm-up pass{(warm.Warmup == 1 ? string.Empty : "es")}), measures ΔS with MiniLM, coverage and λ, and judges them with the Warm gate.");

                // One model per process, loaded in a few seconds: loading it while the fleet serves Blue's baseline keeps it off the first Warm step.
                _ = Task.Run(() => MiniLmEmbeddingGenerator.Shared, CancellationToken.None);
            }

            lines.WriteLine("Everything lives in this process's memory and is gone when it exits.");

            await using var silo = await EmbeddedSilo.StartAsync("coordinator-demo", "coordinator-demo", logging => logging.UseQuietConsoleLogging(), token);
            lines.MarkupLineInterpolated($"started one silo: silo port {silo.Options.SiloPort}, gateway port {silo.GatewayPort}");

            await using var arms = await RegionArms.StartAsync(regions, (region, defaults) => DemoArms.Configure(region, defaults, injections), cancellationToken: token);
            var target = CheckTarget(spec, arms);
            await RegisterAsync(silo.Client, spec, target, arms, lines);

            var edges = new List<EdgeHost>();
            try
            {
                foreach (var region in regions)
                {
                    edges.Add(await EdgeHost.StartAsync(silo.Client, EdgeOptionsFor(region), logging => { }, token));
                }

                var addresses = edges.ToDictionary(e => e.Options.Region, e => e.BaseAddress, StringComparer.Ordinal);
                lines.MarkupLineInterpolated($"started an edge per region: {string.Join(", ", edges.Select(e => $"{e.Options.Region} {e.BaseAddress}"))}");
                using var traffic = new EdgeTraffic(addresses, PathPrefix, arms.Blue(regions[0]).Arm.Corpus, AskQuestions.Handbook, LoopsPerRegion, LoopPause);
                var options = new FleetOptions
                {
                    Service = spec.Service,
                    Regions = regions,
                    CampaignId = spec.CampaignId,
                    Writer = spec.Fences.Writers?.FirstOrDefault() ?? "indexer",
                    ConsumerGroup = spec.Fences.ConsumerGroups?.FirstOrDefault() ?? "webhooks",
                    Injections = injections,
                    Traffic = traffic,
                    LoopsPerRegion = LoopsPerRegion,

                    // The coordinator measures Green itself (the spec's warm gold set); a simulated report would be judged instead.
                    SimulatedEvaluator = spec.Warm is null,
                };

                // The fleet starts the campaign once every region has served a Blue baseline.
                var outcome = await run.RunAsync(
                    silo.Client, options, _ => start.StartAsync(silo.Client, spec, quiet: settings.Json), liveView: !settings.Json, Timeout, AfterSettle, token);
                var degraded = regions.ToDictionary(r => r, r => DemoArms.Describe(arms.Green(r).Arm.Options), StringComparer.Ordinal);
                var summary = outcome.Summary with
                {
                    Simulated = false,
                    Http = await HttpSummaryBuilder.BuildAsync(silo.Client, spec.Service, arms, traffic.Log, degraded, addresses),
                };

                if (settings.Json)
                {
                    CampaignJson.Write(io.Out, summary);
                }
                else
                {
                    io.Out.WriteLine();
                    io.Out.Write(FleetSummaryView.Render(summary));
                }

                lines.WriteLine();
                lines.MarkupLine(Ending(summary, injections.Count > 0));
                return outcome.ExitCode;
            }
            finally
            {
                foreach (var edge in edges)
                {
                    await edge.DisposeAsync();
                }
            }
        }, cancellationToken);

    private static EdgeOptions EdgeOptionsFor(string region) => new()
    {
        Region = region,
        Services = [new EdgeService("rag-api", PathPrefix)],
        HealthCheckInterval = TimeSpan.FromSeconds(1),

        // Often, so a hold of a few seconds sees enough Green requests to be judged.
        TelemetryFlushInterval = TimeSpan.FromMilliseconds(250),
    };

    /// <summary>demo.json's target must name the Green the arms run: its build's index, rerank and prompt.</summary>
    /// <exception cref="InvalidOperationException">It does not (the arms' build changed and demo.json was not updated).</exception>
    private static ArmManifest CheckTarget(CampaignSpec spec, RegionArms arms)
    {
        // Region by region Green may be degraded by --inject; the manifest names the build meant to run, so the
        // undegraded build is the reference, as a half-loaded deployment still names the build it was given.
        var expected = DemoManifests.GreenTarget(spec.Service, new RagArm(ArmOptions.ForGreen(), arms.Blue(arms.Regions[0]).Arm.Corpus).Info);
        var differences = ManifestDiff.Compare(expected, spec.Target);
        return differences.Count == 0
            ? spec.Target
            : throw new InvalidOperationException(
                $"{DemoCampaign.RelativePath}: target does not name the Green build the demo runs: {ManifestDiff.Describe(differences)}");
    }

    /// <summary>Blue is its build at its endpoint; Green is the campaign's target at its endpoint (Verify compares versions, not endpoints).</summary>
    private static async Task RegisterAsync(IClusterClient client, CampaignSpec spec, ArmManifest target, RegionArms arms, IAnsiConsole lines)
    {
        foreach (var region in arms.Regions)
        {
            var pointer = client.GetGrain<ISwitchoverGrain>(RegionKey.Format(spec.Service, region));
            var blue = arms.Blue(region);
            await pointer.RegisterArmAsync(Arm.Blue, DemoManifests.Blue(spec.Service, region, blue.Info, blue.BaseUrl), Operator);
            await pointer.RegisterArmAsync(Arm.Green, DemoManifests.Green(target, region, arms.Green(region).BaseUrl), Operator);
        }

        lines.MarkupLineInterpolated(
            $"started Blue ({arms.Blue(arms.Regions[0]).Info.IndexHash}, {arms.Blue(arms.Regions[0]).Info.PromptVer}) and Green ({target.IndexHash}, {target.PromptVer}) arm servers and registered them with their endpoints for [bold]{spec.Service}[/] in {string.Join(", ", arms.Regions)}");
        foreach (var region in arms.Regions.Where(r => DemoArms.Describe(arms.Green(r).Arm.Options) is not null))
        {
            lines.MarkupLineInterpolated($"[yellow]{region}: Green degraded by configuration[/]: {DemoArms.Describe(arms.Green(region).Arm.Options)} (its manifest still names the build it was meant to run)");
        }
    }

    private static string Ending(FleetSummary summary, bool injected) => summary.State switch
    {
        CampaignState.Completed => $"[green]demo finished[/]: every region serves Green; {Markup.Escape(Banner)}.",
        CampaignState.RolledBack when injected =>
            $"[yellow]demo finished as injected[/]: the gates stopped the campaign and every region went back to Blue (exit 6 is the expected end with --inject).",
        _ => $"[red]demo ended {CampaignStatusView.StateText(summary.State)}[/]: see the reason above.",
    };
}
