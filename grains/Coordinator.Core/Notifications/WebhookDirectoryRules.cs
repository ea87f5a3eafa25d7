using System.Security.Cryptography;
using System.Text;
using Coordinator.Domain;

namespace Coordinator.Notifications;

/// <summary>Setting and removing a service's webhooks; each refusal names its fields and changes nothing.</summary>
public static class WebhookDirectoryRules
{
    /// <param name="outboxLast">The service's newest notification sequence now: a new webhook is sent what comes after it.</param>
    public static Decision<WebhookDirectoryState, WebhookView> Set(
        WebhookDirectoryState state, string name, WebhookSpec spec, string operatorName, DateTimeOffset now, long outboxLast)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(name);
        var existing = state.Webhooks.GetValueOrDefault(name);
        var errors = WebhookValidator.Validate(name, spec, exists: existing is not null);
        NameRules.CheckText("operator", operatorName, Limits.MaxOperatorLength, errors);
        if (existing is null && state.Webhooks.Count >= WebhookKey.MaxPerService)
        {
            errors.Add(new FieldError("webhook", $"the service already has {WebhookKey.MaxPerService} webhooks, the most it may have; remove one first"));
        }

        NameRules.ThrowIfAny(errors);
        var events = spec.Events is null ? NotificationKinds.All : [.. NotificationKinds.All.Where(spec.Events.Contains)];
        if (existing is not null)
        {
            var changed = existing with { Url = spec.Url!, Secret = spec.Secret ?? existing.Secret, Events = events, Format = spec.Format };
            if (changed.Url == existing.Url && changed.Secret == existing.Secret && changed.Events.SequenceEqual(existing.Events) && changed.Format == existing.Format)
            {
                return Decision<WebhookDirectoryState, WebhookView>.Unchanged(View(existing));
            }

            changed = changed with { UpdatedBy = operatorName, UpdatedAt = now };
            return Decision<WebhookDirectoryState, WebhookView>.Changed(state with { Webhooks = state.Webhooks.SetItem(name, changed) }, View(changed));
        }

        var created = new WebhookTarget
        {
            Name = name,
            Id = state.LastId + 1,
            Url = spec.Url!,
            Secret = spec.Secret!,
            Events = events,
            Format = spec.Format,
            FromSequence = outboxLast,
            UpdatedBy = operatorName,
            UpdatedAt = now,
        };
        return Decision<WebhookDirectoryState, WebhookView>.Changed(
            state with { Webhooks = state.Webhooks.Add(name, created), LastId = created.Id }, View(created));
    }

    /// <summary>Removes webhook <paramref name="name"/>; answers false (unchanged) when there is none.</summary>
    public static Decision<WebhookDirectoryState, bool> Remove(WebhookDirectoryState state, string name)
    {
        ArgumentNullException.ThrowIfNull(state);
        var errors = new List<FieldError>();
        NameRules.Check("webhook", name, errors);
        NameRules.ThrowIfAny(errors);
        return state.Webhooks.ContainsKey(name)
            ? Decision<WebhookDirectoryState, bool>.Changed(state with { Webhooks = state.Webhooks.Remove(name) }, true)
            : Decision<WebhookDirectoryState, bool>.Unchanged(false);
    }

    /// <summary>What operators see: no secret, and the URL as its origin and a fingerprint.</summary>
    public static WebhookView View(WebhookTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var uri = new Uri(target.Url, UriKind.Absolute);
        return new WebhookView
        {
            Name = target.Name,
            Endpoint = uri.GetLeftPart(UriPartial.Authority),
            UrlFingerprint = Fingerprint(target.Url),
            Events = target.Events,
            Format = target.Format,
            SecretSet = true,
            UpdatedBy = target.UpdatedBy,
            UpdatedAt = target.UpdatedAt,
        };
    }

    /// <summary>The first 12 hex digits of the URL's SHA-256: enough to tell two URLs apart, too little to recover a token.</summary>
    public static string Fingerprint(string url) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..12];
}
