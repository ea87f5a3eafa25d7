using System.ComponentModel;
using Coordinator.Domain;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>A command about one campaign of one service.</summary>
public class CampaignSettings : ClusterSettings
{
    [CommandArgument(0, "<service>")]
    [Description("Service name, e.g. rag-api.")]
    public string Service { get; set; } = string.Empty;

    [CommandArgument(1, "<id>")]
    [Description("Campaign id (the spec's campaign_id).")]
    public string CampaignId { get; set; } = string.Empty;

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("service", Service, errors);
        NameRules.Check("id", CampaignId, errors);
        return errors;
    }
}

public sealed class CampaignViewSettings : CampaignSettings
{
    [CommandOption("--json")]
    [Description("Print the (final) status as JSON on standard output (for scripts).")]
    public bool Json { get; set; }
}

/// <summary>approve and abort: an operator's decision, with a reason for the record.</summary>
public abstract class CampaignDecisionSettings : CampaignSettings
{
    [CommandOption("--reason <TEXT>")]
    [Description("Why, for the campaign's record. Required.")]
    public string? Reason { get; set; }

    /// <summary>Who decides, as given; null for the login name.</summary>
    protected abstract string? Who { get; }

    protected abstract string WhoOption { get; }

    public string OperatorName => Who ?? Commands.OperatorName.Default();

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.CheckText("--reason", Reason, Limits.MaxReasonLength, errors);
        if (Who is not null)
        {
            NameRules.CheckText(WhoOption, Who, Commands.OperatorName.MaxLength, errors);
        }

        return errors;
    }
}

public sealed class CampaignApproveSettings : CampaignDecisionSettings
{
    [CommandOption("--approver <NAME>")]
    [Description("Who approves (the two-person rule may refuse the starter). Default: your login name.")]
    public string? Approver { get; set; }

    protected override string? Who => Approver;

    protected override string WhoOption => "--approver";
}

public sealed class CampaignActionSettings : CampaignDecisionSettings
{
    [CommandOption("--operator <NAME>")]
    [Description("Who decides. Default: your login name.")]
    public string? Operator { get; set; }

    protected override string? Who => Operator;

    protected override string WhoOption => "--operator";
}

/// <summary>campaign list: every campaign the coordinator keeps for one service.</summary>
public sealed class CampaignListSettings : ClusterSettings
{
    [CommandArgument(0, "<service>")]
    [Description("Service name, e.g. rag-api.")]
    public string Service { get; set; } = string.Empty;

    [CommandOption("--json")]
    [Description("Print the campaigns as JSON on standard output (for scripts).")]
    public bool Json { get; set; }

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("service", Service, errors);
        return errors;
    }
}
