using Coordinator.Domain;
using Coordinator.Notifications;

namespace Coordinator.Operations.Notifications;

/// <summary>How a surface names a webhook's inputs in its errors (an option on the console, a JSON path on the API).</summary>
public sealed record WebhookFieldNames(string Webhook, string Url, string Secret, string Events, string Format, string Operator)
{
    public static readonly WebhookFieldNames Api = new("webhook", "$.url", "$.secret", "$.events", "$.format", "operator");

    public static readonly WebhookFieldNames Console = new("webhook", "--url", "--secret-env", "--events", "--format", "--operator");
}

/// <summary>A webhook as a caller writes it: names for events and format, the secret as given (never echoed).</summary>
public sealed record WebhookInput
{
    public string? Url { get; init; }

    /// <summary>Null keeps an existing webhook's secret; a new webhook needs one.</summary>
    public string? Secret { get; init; }

    /// <summary>Wire names ("gate_failed"); null for every event.</summary>
    public IReadOnlyList<string?>? Events { get; init; }

    /// <summary>"json" (the default) or "slack".</summary>
    public string? Format { get; init; }

    /// <summary>Every problem, each named as the caller's surface names it; the spec when there are none.</summary>
    public (WebhookSpec? Spec, List<FieldError> Errors) Check(WebhookFieldNames names, string name, bool exists)
    {
        ArgumentNullException.ThrowIfNull(names);
        var errors = new List<FieldError>();
        NameRules.Check(names.Webhook, name, errors);
        WebhookValidator.CheckUrl(names.Url, Url, errors);
        WebhookValidator.CheckSecret(names.Secret, Secret, required: !exists, errors);
        var events = WebhookValidator.ParseEvents(names.Events, Events, errors);
        var format = WebhookValidator.ParseFormat(names.Format, Format, errors);
        return errors.Count > 0
            ? (null, errors)
            : (new WebhookSpec { Url = Url, Secret = Secret, Events = events is null ? null : [.. events], Format = format!.Value }, errors);
    }
}
