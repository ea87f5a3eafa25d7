using Coordinator.Domain;

namespace Coordinator.Notifications;

/// <summary>
/// A webhook's settings: every error names its field (a JSON path for the API and the grain, an
/// option for the console) and none quotes the URL or the secret, which may carry credentials.
/// </summary>
public static class WebhookValidator
{
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;
    public const int MaxUrlLength = HttpUrlRules.MaxLength;

    public const string FormatJson = "json";
    public const string FormatSlack = "slack";

    /// <summary>Every error in <paramref name="spec"/> for webhook <paramref name="name"/>; a new webhook (not <paramref name="exists"/>) needs a secret.</summary>
    public static List<FieldError> Validate(string? name, WebhookSpec? spec, bool exists)
    {
        var errors = new List<FieldError>();
        NameRules.Check("webhook", name, errors);
        if (spec is null)
        {
            errors.Add(new FieldError("$", "is required: a webhook's url, secret, events and format"));
            return errors;
        }

        CheckUrl("$.url", spec.Url, errors);
        CheckSecret("$.secret", spec.Secret, required: !exists, errors);
        CheckEvents("$.events", spec.Events, errors);
        if (!Enum.IsDefined(spec.Format))
        {
            errors.Add(new FieldError("$.format", $"must be {FormatJson} or {FormatSlack}"));
        }

        return errors;
    }

    /// <summary>An absolute http(s) URL with a host, without credentials, whitespace or a fragment; a query is allowed.</summary>
    public static void CheckUrl(string field, string? url, ICollection<FieldError> errors)
    {
        var uri = HttpUrlRules.Check(field, url, "the absolute http or https URL events are POSTed to", ": the secret signs each delivery instead", errors);
        if (uri is not null && url!.Contains('#', StringComparison.Ordinal))
        {
            errors.Add(new FieldError(field, "must not have a fragment: it is never sent to the receiver"));
        }
    }

    /// <summary>The HMAC secret: <see cref="MinSecretLength"/> to <see cref="MaxSecretLength"/> characters, no control characters; never quoted.</summary>
    public static void CheckSecret(string field, string? secret, bool required, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (secret is null)
        {
            if (required)
            {
                errors.Add(new FieldError(field, "is required for a new webhook: the HMAC key receivers verify signatures with"));
            }
        }
        else if (secret.Length < MinSecretLength || secret.Length > MaxSecretLength)
        {
            errors.Add(new FieldError(field, $"must be {MinSecretLength} to {MaxSecretLength} characters (got {secret.Length})"));
        }
        else if (secret.Any(char.IsControl))
        {
            errors.Add(new FieldError(field, "must not contain control characters"));
        }
    }

    /// <summary>Known kinds, at least one, none twice; null means every kind.</summary>
    public static void CheckEvents(string field, IReadOnlyList<NotificationKind>? events, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (events is null)
        {
            return;
        }

        if (events.Count == 0)
        {
            errors.Add(new FieldError(field, $"must name at least one event (or be left out for all): {AllNames}"));
        }

        var seen = new HashSet<NotificationKind>();
        for (var i = 0; i < events.Count; i++)
        {
            if (!Enum.IsDefined(events[i]))
            {
                errors.Add(new FieldError($"{field}[{i}]", $"must be one of {AllNames}"));
            }
            else if (!seen.Add(events[i]))
            {
                errors.Add(new FieldError($"{field}[{i}]", $"'{events[i].ToWire()}' is listed twice"));
            }
        }
    }

    /// <summary>Event names as an operator writes them; the parsed kinds when every one is known, else null with errors added.</summary>
    public static List<NotificationKind>? ParseEvents(string field, IReadOnlyList<string?>? names, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (names is null)
        {
            return null;
        }

        var kinds = new List<NotificationKind>();
        var before = errors.Count;
        for (var i = 0; i < names.Count; i++)
        {
            if (NotificationKinds.TryParse(names[i], out var kind))
            {
                kinds.Add(kind);
            }
            else
            {
                errors.Add(new FieldError($"{field}[{i}]", $"'{names[i]}' is not an event; use {AllNames}"));
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        CheckEvents(field, kinds, errors);
        return errors.Count > before ? null : kinds;
    }

    /// <summary>"json" or "slack"; null (with an error) for anything else.</summary>
    public static WebhookFormat? ParseFormat(string field, string? name, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        switch (name)
        {
            case null or FormatJson:
                return WebhookFormat.Json;
            case FormatSlack:
                return WebhookFormat.Slack;
            default:
                errors.Add(new FieldError(field, $"must be {FormatJson} or {FormatSlack} (got '{name}')"));
                return null;
        }
    }

    /// <summary>"json" or "slack".</summary>
    public static string ToWire(this WebhookFormat format) => format == WebhookFormat.Slack ? FormatSlack : FormatJson;

    private static string AllNames => string.Join(", ", NotificationKinds.All.Select(k => k.ToWire()));
}
