using System.ComponentModel;
using Coordinator.Domain;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>campaign host: where the service's cutover grain runs.</summary>
public sealed class CampaignHostSettings : ClusterSettings
{
    [CommandArgument(0, "<service>")]
    [Description("Service name, e.g. rag-api.")]
    public string Service { get; set; } = string.Empty;

    [CommandOption("--json")]
    [Description("Print the answer as JSON on standard output (for scripts): service, grain, silo (null when not active), silo_port.")]
    public bool Json { get; set; }

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("service", Service, errors);
        return errors;
    }
}
