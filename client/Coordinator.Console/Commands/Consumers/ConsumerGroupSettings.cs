using System.ComponentModel;
using Coordinator.Domain;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Consumers;

/// <summary>A command that changes one consumer group's pointer in one region.</summary>
public abstract class ConsumerGroupSettings : RegionSettings
{
    public const int MaxReasonLength = Limits.MaxReasonLength;

    [CommandArgument(2, "<group>")]
    [Description("Consumer group name, e.g. orders (lowercase letters, digits, '-').")]
    public string Group { get; set; } = string.Empty;

    [CommandOption("--operator <NAME>")]
    [Description("Who acts, for the pointer's audit chain. Default: your login name.")]
    public string? Operator { get; set; }

    public string OperatorName => Operator ?? Commands.OperatorName.Default();

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("group", Group, errors);
        if (Operator is not null)
        {
            NameRules.CheckText("--operator", Operator, Commands.OperatorName.MaxLength, errors);
        }

        return errors;
    }
}
