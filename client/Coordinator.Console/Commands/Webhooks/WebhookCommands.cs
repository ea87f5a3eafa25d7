using System.ComponentModel;
using Coordinator.Console.App;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Webhooks;

[Description("List a service's webhooks and how their delivery goes (never the secret; the URL as origin and fingerprint).")]
public sealed class WebhookListCommand(CommandRunner runner, WebhookOperation operation) : AsyncCommand<WebhookServiceSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, WebhookServiceSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.ListAsync(client, settings.Service);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}

[Description("Create or change a webhook for a service's campaign events, signed with an HMAC secret.")]
public sealed class WebhookSetCommand(CommandRunner runner, WebhookOperation operation) : AsyncCommand<WebhookSetSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, WebhookSetSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.SetAsync(client, settings);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}

[Description("Remove a webhook; events it has not delivered are not sent.")]
public sealed class WebhookRemoveCommand(CommandRunner runner, WebhookOperation operation) : AsyncCommand<WebhookNameSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, WebhookNameSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, token => runner.WithClusterAsync(settings, async client =>
        {
            await operation.RemoveAsync(client, settings.Service, settings.Webhook, settings.OperatorName);
            return ExitCodes.Ok;
        }, token), cancellationToken);
}
