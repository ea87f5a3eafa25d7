using Coordinator.Notifications;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Coordinator.Console.Rendering;

/// <summary>A service's webhooks, one row each, with where delivery stands.</summary>
public static class WebhookTable
{
    public static IRenderable Render(IReadOnlyList<WebhookView> webhooks)
    {
        var table = new Table().AddColumns("Webhook", "Endpoint", "URL", "Format", "Events", "Delivered through", "Pending", "Last result", "Next attempt (UTC)", "Delivered", "Dropped");
        foreach (var w in webhooks)
        {
            var d = w.Delivery;
            table.AddRow(
                Markup.Escape(w.Name),
                Markup.Escape(w.Endpoint),
                w.UrlFingerprint,
                w.Format.ToWire(),
                w.Events.Count == NotificationKinds.All.Count ? "all" : Markup.Escape(string.Join(", ", w.Events.Select(e => e.ToWire()))),
                d?.DeliveredThrough.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                d?.Pending.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(d?.LastResult is { } last ? (d.FailedAttempts > 0 ? $"{last} ({d.FailedAttempts} failed)" : last) : "-"),
                d?.NextAttemptAt is { } next ? Display.Time(next) : "-",
                d?.Delivered.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                d is { Dropped: > 0 } ? $"[red]{d.Dropped}[/]" : "0");
        }

        return table;
    }
}
