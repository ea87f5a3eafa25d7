using Coordinator.Domain;
using Coordinator.Notifications;
using Coordinator.Operations.Errors;

namespace Coordinator.Operations.Notifications;

/// <summary>A service's webhooks: list (with how delivery goes), show, set and remove. Secrets are never returned.</summary>
public static class WebhookOperations
{
    public static IWebhookDirectoryGrain Directory(IGrainFactory grains, string service) => grains.GetGrain<IWebhookDirectoryGrain>(service);

    public static IWebhookDeliveryGrain Delivery(IGrainFactory grains, string service, string name) =>
        grains.GetGrain<IWebhookDeliveryGrain>(WebhookKey.Format(service, name));

    /// <summary>Every webhook of the service by name, each with its delivery status.</summary>
    public static async Task<IReadOnlyList<WebhookView>> ListAsync(IGrainFactory grains, string service)
    {
        var views = await Directory(grains, service).ListAsync();
        return await Task.WhenAll(views.Select(v => WithDeliveryAsync(grains, service, v)));
    }

    /// <exception cref="NotFoundException">The service has no webhook by that name.</exception>
    public static async Task<WebhookView> GetAsync(IGrainFactory grains, string service, string name)
    {
        var view = (await Directory(grains, service).ListAsync()).FirstOrDefault(v => v.Name == name)
            ?? throw NotFound(service, name);
        return await WithDeliveryAsync(grains, service, view);
    }

    /// <summary>
    /// Creates or changes webhook <paramref name="name"/>. Every bad input is refused at once, named as
    /// <paramref name="names"/> says, and nothing changes; the grain checks again on what it decides on.
    /// </summary>
    public static async Task<WebhookView> SetAsync(
        IGrainFactory grains, string service, string name, WebhookInput input, WebhookFieldNames names, string operatorName)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(names);
        var exists = NameIsValid(name) && (await Directory(grains, service).ListAsync()).Any(v => v.Name == name);
        var (spec, errors) = input.Check(names, name, exists);
        NameRules.CheckText(names.Operator, operatorName, Limits.MaxOperatorLength, errors);
        NameRules.ThrowIfAny(errors);
        var view = await Directory(grains, service).SetAsync(name, spec!, operatorName);
        return await WithDeliveryAsync(grains, service, view);
    }

    /// <exception cref="NotFoundException">The service has no webhook by that name.</exception>
    public static async Task RemoveAsync(IGrainFactory grains, string service, string name, string operatorName)
    {
        if (!await Directory(grains, service).RemoveAsync(name, operatorName))
        {
            throw NotFound(service, name);
        }
    }

    private static async Task<WebhookView> WithDeliveryAsync(IGrainFactory grains, string service, WebhookView view) =>
        view with { Delivery = await Delivery(grains, service, view.Name).GetStatusAsync() };

    private static bool NameIsValid(string name)
    {
        var errors = new List<FieldError>();
        NameRules.Check("webhook", name, errors);
        return errors.Count == 0;
    }

    private static NotFoundException NotFound(string service, string name) =>
        new("webhook", "webhook", $"'{name}' is not a webhook of {service}");
}
