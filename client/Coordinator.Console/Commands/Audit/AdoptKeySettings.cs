using System.ComponentModel;
using Coordinator.Domain;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Audit;

/// <summary>Adopt the audit key for one chain written before the key was configured.</summary>
public sealed class AdoptKeySettings : AuditChainSettings
{
    [CommandOption("--operator <NAME>")]
    [Description("Who vouches for the unkeyed history, for the chain. Default: your login name.")]
    public string? Operator { get; set; }

    [CommandOption("--reason <TEXT>")]
    [Description("Why, for the chain (e.g. 'written before the audit key was configured on 2026-11-30'). Required.")]
    public string? Reason { get; set; }

    [CommandOption("--json")]
    [Description("Print what was done and the verdict after it as JSON on standard output (for scripts).")]
    public bool Json { get; set; }

    public string OperatorName => Operator ?? Commands.OperatorName.Default();

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        if (Operator is not null)
        {
            NameRules.CheckText("--operator", Operator, Commands.OperatorName.MaxLength, errors);
        }

        NameRules.CheckText("--reason", Reason, Limits.MaxReasonLength, errors);
        return errors;
    }
}
