using System.ComponentModel;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Leases;

public sealed class LeasesSettings : RegionSettings
{
    [CommandOption("--writers <LIST>")]
    [Description("Comma-separated writers to show. Default: every writer in the region's fence directory.")]
    public string? Writers { get; set; }

    /// <summary>The writers asked for, in the order given; null for "all listed".</summary>
    public IReadOnlyList<string>? WriterList => NameList.Parse(Writers);

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameList.Check("--writers", Writers, errors);
        return errors;
    }
}
