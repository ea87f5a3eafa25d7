using System.ComponentModel;
using Coordinator.Domain;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands;

/// <summary>A command about one (service, region) pointer.</summary>
public class RegionSettings : ClusterSettings
{
    [CommandArgument(0, "<service>")]
    [Description("Service name, e.g. rag-api (lowercase letters, digits, '-').")]
    public string Service { get; set; } = string.Empty;

    [CommandArgument(1, "<region>")]
    [Description("Region name, e.g. eu-west (lowercase letters, digits, '-').")]
    public string Region { get; set; } = string.Empty;

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("service", Service, errors);
        NameRules.Check("region", Region, errors);
        return errors;
    }
}
