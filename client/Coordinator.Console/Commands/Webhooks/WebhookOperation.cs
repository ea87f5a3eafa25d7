using Coordinator.Console.App;
using Coordinator.Console.Rendering;
using Coordinator.Notifications;
using Coordinator.Operations.Notifications;
using Spectre.Console;

namespace Coordinator.Console.Commands.Webhooks;

/// <summary>What the webhook commands do and print; the secret is read from the environment, never from the command line.</summary>
public sealed class WebhookOperation(ConsoleIo io, ConsoleEnvironment environment)
{
    public async Task<IReadOnlyList<WebhookView>> ListAsync(IClusterClient client, string service)
    {
        var webhooks = await WebhookOperations.ListAsync(client, service);
        if (webhooks.Count == 0)
        {
            io.Out.MarkupLineInterpolated($"no webhooks for [bold]{service}[/]: add one with 'webhook set'");
            return webhooks;
        }

        io.Out.Write(WebhookTable.Render(webhooks));
        return webhooks;
    }

    public async Task<WebhookView> SetAsync(IClusterClient client, WebhookSetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string? secret = null;
        if (settings.SecretEnv is { } variable)
        {
            secret = environment.Get(variable)
                ?? throw new InvalidInputException("--secret-env", $"environment variable {variable} is not set or blank");
        }

        var input = new WebhookInput { Url = settings.Url, Secret = secret, Events = settings.EventList, Format = settings.Format };
        var view = await WebhookOperations.SetAsync(client, settings.Service, settings.Webhook, input, WebhookFieldNames.Console, settings.OperatorName);
        io.Out.MarkupLineInterpolated(
            $"webhook [bold]{settings.Service}/{view.Name}[/] → {view.Endpoint} (url {view.UrlFingerprint}), {view.Format.ToWire()}, events: {string.Join(", ", view.Events.Select(e => e.ToWire()))}");
        return view;
    }

    public async Task RemoveAsync(IClusterClient client, string service, string webhook, string operatorName)
    {
        await WebhookOperations.RemoveAsync(client, service, webhook, operatorName);
        io.Out.MarkupLineInterpolated($"webhook [bold]{service}/{webhook}[/] removed");
    }
}
