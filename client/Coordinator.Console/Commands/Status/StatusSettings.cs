using System.ComponentModel;
using Coordinator.Domain;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Status;

public sealed class StatusSettings : ClusterSettings
{
    [CommandArgument(0, "<service>")]
    [Description("Service name, e.g. rag-api.")]
    public string Service { get; set; } = string.Empty;

    [CommandOption("--regions <LIST>")]
    [Description("Comma-separated regions to show. Default: every region the service has registered arms in.")]
    public string? Regions { get; set; }

    /// <summary>The regions asked for, in the order given, without repeats; null for "all known".</summary>
    public IReadOnlyList<string>? RegionList =>
        Regions?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("service", Service, errors);
        if (RegionList is { } regions)
        {
            if (regions.Count == 0)
            {
                errors.Add(new FieldError("--regions", "names no region"));
            }

            foreach (var region in regions)
            {
                NameRules.Check("--regions", region, errors);
            }
        }

        return errors;
    }
}
