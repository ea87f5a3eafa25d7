using System.Text;
using System.Text.Json;
using Coordinator.Campaigns;

namespace Coordinator.Notifications;

/// <summary>
/// The body of a delivery, built from the outbox entry alone: every retry of an event sends the same
/// bytes (only the timestamp and signature headers change).
/// </summary>
public static class WebhookPayload
{
    public static byte[] Build(CampaignNotification notification, WebhookFormat format)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (format == WebhookFormat.Slack)
            {
                json.WriteString("text", SlackText(notification));
            }
            else
            {
                WriteEvent(json, notification);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>One line: "[service] campaign id gate failed in eu-west: ..."; &amp;, &lt; and &gt; escaped as Slack asks.</summary>
    public static string SlackText(CampaignNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var what = notification.Kind switch
        {
            NotificationKind.Started => "started",
            NotificationKind.WaveDone => $"wave {notification.Wave} done",
            NotificationKind.GateFailed => $"gate failed in {notification.Region}",
            NotificationKind.WaitingForOperator => "is waiting for an operator",
            NotificationKind.RolledBack => "rolled back",
            NotificationKind.Completed => "completed",
            NotificationKind.RollbackBlocked => "rollback blocked",
            _ => notification.Kind.ToString(),
        };
        var text = new StringBuilder()
            .Append('[').Append(notification.Service).Append("] campaign ").Append(notification.CampaignId).Append(' ').Append(what)
            .Append(": ").Append(notification.Message)
            .ToString();
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    private static void WriteEvent(Utf8JsonWriter json, CampaignNotification n)
    {
        json.WriteString("id", n.EventId);
        json.WriteString("type", n.Kind.ToWire());
        json.WriteString("service", n.Service);
        json.WriteString("campaign_id", n.CampaignId);
        json.WriteNumber("sequence", n.Sequence);
        json.WriteNumber("campaign_version", n.CampaignVersion);
        json.WriteString("state", StateName(n.State));
        if (n.Region is not null)
        {
            json.WriteString("region", n.Region);
        }

        if (n.Wave is { } wave)
        {
            json.WriteNumber("wave", wave);
        }

        json.WriteString("message", n.Message);
        json.WriteString("at", n.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The campaign state as the API writes it: "waiting_for_approval".</summary>
    private static string StateName(CampaignState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());
}
