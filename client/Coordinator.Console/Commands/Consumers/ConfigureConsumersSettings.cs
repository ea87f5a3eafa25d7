using System.ComponentModel;
using Coordinator.Domain;
using Coordinator.Fences;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Consumers;

public sealed class ConfigureConsumersSettings : ConsumerGroupSettings
{
    [CommandOption("--consumer-ver <VERSION>")]
    [Description("The CONSUMER_VER that may consume. Required; a configured pointer changes version only by a move.")]
    public string? ConsumerVer { get; set; }

    [CommandOption("--partitions <N>")]
    [Description("Partitions 0..N-1. Required; may grow, never shrink.")]
    public string? Partitions { get; set; }

    public int PartitionCount => (int)WholeNumber.Parsed(Partitions);

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        ManifestValidator.CheckVersion("--consumer-ver", ConsumerVer, errors);
        WholeNumber.Check("--partitions", Partitions, 1, ConsumerLimits.MaxPartitions, errors);
        return errors;
    }
}
