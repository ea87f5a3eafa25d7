using System.ComponentModel;
using Coordinator.Domain;
using Coordinator.Fleet;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Fleet;

public sealed class FleetSettings : ClusterSettings
{
    [CommandOption("--service <NAME>")]
    [Description("The service the fleet runs, e.g. rag-api. Required.")]
    public string? Service { get; set; }

    [CommandOption("--regions <A,B,C>")]
    [Description("The regions to serve (Blue and Green must be registered in each). Required.")]
    public string? Regions { get; set; }

    [CommandOption("--campaign <ID>")]
    [Description("The campaign to follow and answer Warm Green for; the fleet waits for it to start. Required.")]
    public string? Campaign { get; set; }

    [CommandOption("--writer <NAME>")]
    [Description("The writer lease each region's background writer holds (the campaign's fences.writers). Default indexer.")]
    public string Writer { get; set; } = "indexer";

    [CommandOption("--consumer-group <NAME>")]
    [Description("The consumer group each region's consumers belong to (the campaign's fences.consumer_groups). Default webhooks.")]
    public string ConsumerGroup { get; set; } = "webhooks";

    [CommandOption("--inject <REGION:METRIC=VALUE>")]
    [Description("Degrade Green in a region, e.g. ap-south:coverage=0.55. Repeatable. Metrics: coverage, delta_s, latency_factor, error_rate, http_5xx_rate, lambda_flip_rate, tool_loop_rate.")]
    public string[]? Inject { get; set; }

    [CommandOption("--json")]
    [Description("Print the summary as JSON on standard output; progress goes to standard error.")]
    public bool Json { get; set; }

    [CommandOption("--until-ended")]
    [Description("Keep serving while the campaign waits for an operator (an inconclusive gate, a manual approval); exit only once it completed (0) or rolled back (6), or at --timeout. Without it the fleet stops at the wait (exit 7).")]
    public bool UntilEnded { get; set; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("Give up if the campaign has not started and settled within this many seconds (exit 1). Default 600.")]
    public int Timeout { get; set; } = 600;

    public IReadOnlyList<string> RegionList => NameList.Parse(Regions) ?? [];

    public IReadOnlyList<FaultInjection> Injections => FaultInjection.ParseAll(Inject, new List<FieldError>());

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("--service", Service, errors);
        if (Regions is null)
        {
            errors.Add(new FieldError("--regions", "is required"));
        }
        else
        {
            NameList.Check("--regions", Regions, errors);
        }

        NameRules.Check("--campaign", Campaign, errors);
        NameRules.Check("--writer", Writer, errors);
        NameRules.Check("--consumer-group", ConsumerGroup, errors);
        var injections = FaultInjection.ParseAll(Inject, errors);
        if (Regions is not null)
        {
            FaultInjection.CheckRegions(injections, RegionList, errors);
        }

        if (Timeout is < 1 or > 86400)
        {
            errors.Add(new FieldError("--timeout", $"{Timeout} is not between 1 and 86400 seconds"));
        }

        return errors;
    }
}
