using System.ComponentModel;
using Coordinator.Domain;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Consumers;

public sealed class ResetOffsetSettings : ConsumerGroupSettings
{
    [CommandOption("--partition <P>")]
    [Description("The partition to reset. Required.")]
    public string? Partition { get; set; }

    [CommandOption("--offset <OFFSET>")]
    [Description("The committed offset to set; may be lower than the current one. Required.")]
    public string? Offset { get; set; }

    [CommandOption("--reason <TEXT>")]
    [Description("Why, for the pointer's audit chain. Required.")]
    public string? Reason { get; set; }

    public int PartitionNumber => (int)WholeNumber.Parsed(Partition);

    public long OffsetValue => WholeNumber.Parsed(Offset);

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        WholeNumber.Check("--partition", Partition, 0, int.MaxValue, errors);
        WholeNumber.Check("--offset", Offset, 0, long.MaxValue, errors);
        NameRules.CheckText("--reason", Reason, MaxReasonLength, errors);
        return errors;
    }
}
