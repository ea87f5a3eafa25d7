using System.ComponentModel;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Consumers;

public sealed class ConsumersSettings : RegionSettings
{
    [CommandOption("--groups <LIST>")]
    [Description("Comma-separated consumer groups to show. Default: every group in the region's fence directory.")]
    public string? Groups { get; set; }

    [CommandOption("--json")]
    [Description("Print the pointers as JSON on standard output (for scripts): version, token, mode, current move, pause, counters, offsets, instances.")]
    public bool Json { get; set; }

    /// <summary>The groups asked for, in the order given; null for "all listed".</summary>
    public IReadOnlyList<string>? GroupList => NameList.Parse(Groups);

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameList.Check("--groups", Groups, errors);
        return errors;
    }
}
