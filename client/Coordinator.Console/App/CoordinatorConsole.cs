using Coordinator.Console.Commands.Arms;
using Coordinator.Console.Commands.Audit;
using Coordinator.Console.Commands.Campaigns;
using Coordinator.Console.Commands.Consumers;
using Coordinator.Console.Commands.Context;
using Coordinator.Console.Commands.Demo;
using Coordinator.Console.Commands.Evaluate;
using Coordinator.Console.Commands.Fleet;
using Coordinator.Console.Commands.Flip;
using Coordinator.Console.Commands.Leases;
using Coordinator.Console.Commands.Status;
using Coordinator.Console.Commands.Webhooks;
using Coordinator.Console.Connection;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace Coordinator.Console.App;

/// <summary>The command line: parsing, commands and exit codes. Program.cs and the tests both run it.</summary>
public static class CoordinatorConsole
{
    public const string ApplicationName = "Coordinator.Console";

    /// <param name="io">Where output and errors go; standard output and error when null.</param>
    /// <param name="connector">How commands reach the cluster; an Orleans client per command when null.</param>
    /// <param name="environment">Where Coordinator__* defaults come from; the process environment when null.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        ConsoleIo? io = null,
        IClusterConnector? connector = null,
        ConsoleEnvironment? environment = null,
        CancellationToken cancellationToken = default)
    {
        io ??= ConsoleIo.Standard();
        var debug = args.Contains("--debug", StringComparer.Ordinal);
        var services = new ServiceCollection()
            .AddSingleton(io)
            .AddSingleton(connector ?? new OrleansClusterConnector(verboseLogs: debug))
            .AddSingleton(environment ?? ConsoleEnvironment.Process)
            .AddSingleton<CommandRunner>()
            .AddSingleton<RegisterArmOperation>()
            .AddSingleton<StatusOperation>()
            .AddSingleton<FlipOperation>()
            .AddSingleton<AuditOperation>()
            .AddSingleton<AdoptKeyOperation>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<LeasesOperation>()
            .AddSingleton<ConsumersOperation>()
            .AddSingleton<ConfigureConsumersOperation>()
            .AddSingleton<MoveConsumersOperation>()
            .AddSingleton<ResetOffsetOperation>()
            .AddSingleton<CampaignPlanOperation>()
            .AddSingleton<CampaignStartOperation>()
            .AddSingleton<CampaignStatusOperation>()
            .AddSingleton<CampaignListOperation>()
            .AddSingleton<CampaignApproveOperation>()
            .AddSingleton<CampaignActionOperation>()
            .AddSingleton<CampaignWatcher>()
            .AddSingleton<ConsoleFleetRun>()
            .AddSingleton<EvaluateOperation>()
            .AddSingleton<WebhookOperation>();

        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName(ApplicationName);
            config.ConfigureConsole(io.Out);
            config.UseStrictParsing();
            config.SetHelpProvider(new ExitCodeHelpProvider(config.Settings));
            config.CancellationExitCode(ExitCodes.Cancelled);

            // Reached only by Spectre's own errors (parsing, settings validation): commands report theirs.
            config.SetExceptionHandler((ex, _) => ErrorReport.Write(io.Error, ex, debug));

            config.AddBranch("arms", arms =>
            {
                arms.SetDescription("Manage the Blue and Green manifests of a region.");
                arms.AddCommand<RegisterArmCommand>("register")
                    .WithExample("arms", "register", "rag-api", "eu-west", "green", "green.json", "--operator", "alice");
            });
            config.AddCommand<StatusCommand>("status")
                .WithExample("status", "rag-api")
                .WithExample("status", "rag-api", "--regions", "eu-west,us-east");
            config.AddCommand<FlipCommand>("flip")
                .WithExample("flip", "rag-api", "eu-west", "--to", "green", "--reason", "gates passed");
            config.AddBranch("audit", audit =>
            {
                audit.SetDescription("Show and verify an audit chain (audit <service> [[region]] [[--writer w | --consumer-group g | --campaigns]] [[--verify]] [[--json]]); adopt the audit key for one written before it.");
                audit.SetDefaultCommand<AuditCommand>();
                audit.AddExample("audit", "rag-api", "eu-west", "--verify");
                audit.AddExample("audit", "rag-api", "eu-west", "--consumer-group", "orders", "--verify");
                audit.AddCommand<AdoptKeyCommand>("adopt-key")
                    .WithExample("audit", "adopt-key", "rag-api", "eu-west", "--operator", "alice", "--reason", "written before the audit key was configured");
            });
            config.AddCommand<LeasesCommand>("leases")
                .WithExample("leases", "rag-api", "eu-west")
                .WithExample("leases", "rag-api", "eu-west", "--writers", "indexer,etl");
            config.AddBranch("consumers", consumers =>
            {
                consumers.SetDescription("Show the consumer pointers of a region (consumers <service> <region> [[--groups a,b]]) and manage them.");
                consumers.SetDefaultCommand<ConsumersCommand>();
                consumers.AddExample("consumers", "rag-api", "eu-west");
                consumers.AddExample("consumers", "rag-api", "eu-west", "--groups", "orders,webhooks");
                consumers.AddCommand<ConfigureConsumersCommand>("configure")
                    .WithExample("consumers", "configure", "rag-api", "eu-west", "orders", "--consumer-ver", "cv-1", "--partitions", "8");
                consumers.AddCommand<MoveConsumersCommand>("move")
                    .WithExample("consumers", "move", "rag-api", "eu-west", "orders", "--to", "cv-2", "--reason", "green consumers", "--drain-timeout", "2m");
                consumers.AddCommand<ConsumerAuditCommand>("audit")
                    .WithExample("consumers", "audit", "rag-api", "eu-west", "orders", "--verify");
                consumers.AddCommand<ResetOffsetCommand>("reset")
                    .WithExample("consumers", "reset", "rag-api", "eu-west", "orders", "--partition", "3", "--offset", "1200", "--reason", "replay after bad deploy");
            });
            config.AddBranch("campaign", campaign =>
            {
                campaign.SetDescription("Plan, start, follow and steer a cutover campaign (region by region, under gates).");
                campaign.AddCommand<CampaignPlanCommand>("plan")
                    .WithExample("campaign", "plan", "infra/campaigns/example.json")
                    .WithExample("campaign", "plan", "infra/campaigns/example.json", "--offline", "--json");
                campaign.AddCommand<CampaignStartCommand>("start")
                    .WithExample("campaign", "start", "infra/campaigns/example.json", "--watch");
                campaign.AddCommand<CampaignWatchCommand>("watch")
                    .WithExample("campaign", "watch", "rag-api", "rag-api-green-prompt-42");
                campaign.AddCommand<CampaignStatusCommand>("status")
                    .WithExample("campaign", "status", "rag-api", "rag-api-green-prompt-42", "--json");
                campaign.AddCommand<CampaignApproveCommand>("approve")
                    .WithExample("campaign", "approve", "rag-api", "rag-api-green-prompt-42", "--reason", "canary clean", "--approver", "bob");
                campaign.AddCommand<CampaignAbortCommand>("abort")
                    .WithExample("campaign", "abort", "rag-api", "rag-api-green-prompt-42", "--reason", "error budget");
                campaign.AddCommand<CampaignPauseCommand>("pause")
                    .WithExample("campaign", "pause", "rag-api", "rag-api-green-prompt-42", "--reason", "investigating latency");
                campaign.AddCommand<CampaignResumeCommand>("resume")
                    .WithExample("campaign", "resume", "rag-api", "rag-api-green-prompt-42", "--reason", "all clear");
                campaign.AddCommand<CampaignRollbackCommand>("rollback")
                    .WithExample("campaign", "rollback", "rag-api", "rag-api-green-prompt-42", "--reason", "customer reports");
                campaign.AddCommand<CampaignListCommand>("list")
                    .WithExample("campaign", "list", "rag-api");
                campaign.AddCommand<CampaignHostCommand>("host")
                    .WithExample("campaign", "host", "rag-api", "--json");
            });
            config.AddBranch("webhook", webhook =>
            {
                webhook.SetDescription("Send a service's campaign events (started, wave done, gate failed, rolled back...) to an HTTP endpoint, signed.");
                webhook.AddCommand<WebhookListCommand>("list")
                    .WithExample("webhook", "list", "rag-api");
                webhook.AddCommand<WebhookSetCommand>("set")
                    .WithExample("webhook", "set", "rag-api", "ops-slack", "--url", "https://hooks.slack.com/services/T0/B0/XXXX", "--secret-env", "OPS_WEBHOOK_SECRET", "--format", "slack", "--events", "gate_failed,rolled_back,rollback_blocked");
                webhook.AddCommand<WebhookRemoveCommand>("remove")
                    .WithExample("webhook", "remove", "rag-api", "ops-slack");
            });
            config.AddBranch("context", contexts =>
            {
                contexts.SetDescription("Named cluster connections, so commands need no --mode/--connection-string each time.");
                contexts.AddCommand<ContextAddCommand>("add")
                    .WithExample("context", "add", "prod", "--mode", "azure", "--cluster-id", "coord-prod", "--connection-string-env", "PROD_STORAGE", "--use");
                contexts.AddCommand<ContextUseCommand>("use")
                    .WithExample("context", "use", "prod");
                contexts.AddCommand<ContextListCommand>("list")
                    .WithExample("context", "list");
            });
            config.AddCommand<EvaluateCommand>("evaluate")
                .WithExample("evaluate", "rag-api", "eu-west", "--arm", "green", "--gold", "infra/gold/ops-handbook.v1.gold.jsonl");
            config.AddCommand<FleetCommand>("fleet")
                .WithExample("fleet", "--service", "rag-api", "--regions", "eu-west,us-east,us-west,ap-south", "--campaign", "rag-api-demo", "--json")
                .WithExample("fleet", "--service", "rag-api", "--regions", "eu-west,us-east", "--campaign", "rag-api-demo", "--inject", "us-east:coverage=0.55");
            config.AddCommand<DemoCommand>("demo");
        });

        return await app.RunAsync(args, cancellationToken);
    }
}
