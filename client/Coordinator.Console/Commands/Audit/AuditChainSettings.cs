using System.ComponentModel;
using Coordinator.Domain;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Audit;

/// <summary>Which chain: a region's pointer (default), one writer's lease or one consumer group's pointer in a region, or the service's campaign commands.</summary>
public abstract class AuditChainSettings : ClusterSettings
{
    [CommandArgument(0, "<service>")]
    [Description("Service name, e.g. rag-api (lowercase letters, digits, '-').")]
    public string Service { get; set; } = string.Empty;

    [CommandArgument(1, "[region]")]
    [Description("Region name, e.g. eu-west; required except with --campaigns.")]
    public string? Region { get; set; }

    [CommandOption("--writer <WRITER>")]
    [Description("The lease chain of this background writer in the region (grants, freezes, unfreezes) instead of the pointer's.")]
    public string? Writer { get; set; }

    [CommandOption("--consumer-group <GROUP>")]
    [Description("The chain of this consumer group's pointer in the region (configure, pause, resume, moves, offset resets, ledger full) instead of the pointer's.")]
    public string? ConsumerGroup { get; set; }

    [CommandOption("--campaigns")]
    [Description("The service's campaign chain (start, approve, pause, resume, abort, rollback) instead of a region's.")]
    public bool Campaigns { get; set; }

    public AuditTarget Target => new(Service, Region, Writer, ConsumerGroup, Campaigns);

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("service", Service, errors);
        if (Campaigns)
        {
            if (Region is not null || Writer is not null || ConsumerGroup is not null)
            {
                errors.Add(new FieldError("--campaigns", "the campaign chain is the service's: give no region, no --writer and no --consumer-group"));
            }

            return errors;
        }

        NameRules.Check("region", Region ?? string.Empty, errors);
        if (Writer is not null && ConsumerGroup is not null)
        {
            errors.Add(new FieldError("--consumer-group", "a chain is a writer's lease or a consumer group's pointer: give --writer or --consumer-group, not both"));
        }

        if (Writer is not null)
        {
            NameRules.Check("--writer", Writer, errors);
        }

        if (ConsumerGroup is not null)
        {
            NameRules.Check("--consumer-group", ConsumerGroup, errors);
        }

        return errors;
    }
}
