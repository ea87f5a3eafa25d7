using System.ComponentModel;
using System.Text.RegularExpressions;
using Coordinator.Domain;
using Coordinator.Notifications;
using Coordinator.Operations.Notifications;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Webhooks;

/// <summary>webhook list: one service's webhooks.</summary>
public class WebhookServiceSettings : ClusterSettings
{
    [CommandArgument(0, "<service>")]
    [Description("Service name, e.g. rag-api.")]
    public string Service { get; set; } = string.Empty;

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("service", Service, errors);
        return errors;
    }
}

/// <summary>A command about one webhook of one service.</summary>
public class WebhookNameSettings : WebhookServiceSettings
{
    [CommandArgument(1, "<webhook>")]
    [Description("Webhook name, e.g. ops-slack (lowercase letters, digits, '-').")]
    public string Webhook { get; set; } = string.Empty;

    [CommandOption("--operator <NAME>")]
    [Description("Who changes it, kept with the webhook. Default: your login name.")]
    public string? Operator { get; set; }

    public string OperatorName => Operator ?? Commands.OperatorName.Default();

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("webhook", Webhook, errors);
        if (Operator is not null)
        {
            NameRules.CheckText("--operator", Operator, Commands.OperatorName.MaxLength, errors);
        }

        return errors;
    }
}

/// <summary>webhook set: the URL, where the secret comes from, the events and the format.</summary>
public sealed partial class WebhookSetSettings : WebhookNameSettings
{
    [CommandOption("--url <URL>")]
    [Description("Absolute http(s) URL the events are POSTed to. Required. Never printed back (Slack's carry a token).")]
    public string? Url { get; set; }

    [CommandOption("--secret-env <VARIABLE>")]
    [Description("Environment variable holding the HMAC secret (16-256 characters); kept off the command line and shell history. Required for a new webhook; omitted keeps the current secret.")]
    public string? SecretEnv { get; set; }

    [CommandOption("--events <LIST>")]
    [Description("Comma-separated events: started, wave_done, gate_failed, waiting_for_operator, rolled_back, completed, rollback_blocked. Default: all.")]
    public string? Events { get; set; }

    [CommandOption("--format <FORMAT>")]
    [Description("json (the coordinator's event, the default) or slack ({\"text\": ...} for a Slack incoming webhook).")]
    public string? Format { get; set; }

    /// <summary>The events as given, in order; null for all.</summary>
    public IReadOnlyList<string?>? EventList => Events?.Split(',', StringSplitOptions.TrimEntries);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        var names = WebhookFieldNames.Console;
        WebhookValidator.CheckUrl(names.Url, Url, errors);
        if (SecretEnv is not null && !VariableName().IsMatch(SecretEnv))
        {
            errors.Add(new FieldError("--secret-env", $"'{SecretEnv}' is not an environment variable name (letters, digits, '_')"));
        }

        WebhookValidator.ParseEvents(names.Events, EventList, errors);
        WebhookValidator.ParseFormat(names.Format, Format, errors);
        return errors;
    }
}
