using System.ComponentModel;
using Coordinator.Domain;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Audit;

/// <summary>Which chain: a region's pointer (default), one writer's lease in a region, or the service's campaign commands.</summary>
public sealed class AuditSettings : ClusterSettings
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

    [CommandOption("--campaigns")]
    [Description("The service's campaign chain (start, approve, pause, resume, abort, rollback) instead of a region's.")]
    public bool Campaigns { get; set; }

    [CommandOption("--verify")]
    [Description("Verify the hash chain on the grain (with the silo's audit key) and again locally (links and sequence); exit code 5 if it does not hold.")]
    public bool Verify { get; set; }

    [CommandOption("--json")]
    [Description("Print the entries (and the verdict, with --verify) as JSON on standard output (for scripts).")]
    public bool Json { get; set; }

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("service", Service, errors);
        if (Campaigns)
        {
            if (Region is not null || Writer is not null)
            {
                errors.Add(new FieldError("--campaigns", "the campaign chain is the service's: give no region and no --writer"));
            }
        }
        else
        {
            NameRules.Check("region", Region ?? string.Empty, errors);
            if (Writer is not null)
            {
                NameRules.Check("--writer", Writer, errors);
            }
        }

        return errors;
    }
}
