using System.ComponentModel;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>A command that reads a campaign spec file.</summary>
public class CampaignSpecSettings : ClusterSettings
{
    [CommandArgument(0, "<spec>")]
    [Description("Path to the campaign spec JSON (see infra/campaigns/README.md).")]
    public string SpecPath { get; set; } = string.Empty;

    [CommandOption("--json")]
    [Description("Print the result as JSON on standard output (for scripts).")]
    public bool Json { get; set; }

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        if (string.IsNullOrWhiteSpace(SpecPath))
        {
            errors.Add(new FieldError("spec", "a path to the campaign spec JSON file is required"));
        }

        return errors;
    }
}

public sealed class CampaignPlanSettings : CampaignSpecSettings
{
    [CommandOption("--offline")]
    [Description("Do not connect: skip the check that every region is registered for the service.")]
    public bool Offline { get; set; }
}

public sealed class CampaignStartSettings : CampaignSpecSettings
{
    [CommandOption("--watch")]
    [Description("Follow the campaign like 'campaign watch' and exit with its outcome.")]
    public bool Watch { get; set; }
}
