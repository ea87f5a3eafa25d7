using System.Text;
using System.Text.Json;
using Coordinator.Campaigns;
using Coordinator.Core.Tests.Campaigns;
using Coordinator.Notifications;

namespace Coordinator.Core.Tests.Notifications;

public sealed class WebhookPayloadTests
{
    private static readonly CampaignNotification GateFailed = new()
    {
        Sequence = 7,
        EventId = "rag-api/cmp-1/7",
        Kind = NotificationKind.GateFailed,
        Service = "rag-api",
        CampaignId = "cmp-1",
        CampaignVersion = 31,
        State = CampaignState.RollingBack,
        Region = "eu-west",
        Wave = 1,
        Message = "hold gate failed: http_5xx_rate 0.05 > 0.01 <stop>",
        At = CampaignSamples.T0.AddMilliseconds(250),
    };

    [Fact]
    public void The_json_event_carries_the_id_kind_campaign_and_numbers_in_snake_case()
    {
        using var json = JsonDocument.Parse(WebhookPayload.Build(GateFailed, WebhookFormat.Json));
        var root = json.RootElement;

        Assert.Equal("rag-api/cmp-1/7", root.GetProperty("id").GetString());
        Assert.Equal("gate_failed", root.GetProperty("type").GetString());
        Assert.Equal("rag-api", root.GetProperty("service").GetString());
        Assert.Equal("cmp-1", root.GetProperty("campaign_id").GetString());
        Assert.Equal(7, root.GetProperty("sequence").GetInt64());
        Assert.Equal(31, root.GetProperty("campaign_version").GetInt64());
        Assert.Equal("rolling_back", root.GetProperty("state").GetString());
        Assert.Equal("eu-west", root.GetProperty("region").GetString());
        Assert.Equal(1, root.GetProperty("wave").GetInt32());
        Assert.Equal(GateFailed.Message, root.GetProperty("message").GetString());
        Assert.Equal(GateFailed.At, root.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public void Campaign_wide_events_leave_region_and_wave_out()
    {
        using var json = JsonDocument.Parse(WebhookPayload.Build(GateFailed with { Kind = NotificationKind.Completed, Region = null, Wave = null }, WebhookFormat.Json));

        Assert.False(json.RootElement.TryGetProperty("region", out _));
        Assert.False(json.RootElement.TryGetProperty("wave", out _));
        Assert.Equal("completed", json.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public void Every_build_of_one_event_is_the_same_bytes()
    {
        Assert.Equal(WebhookPayload.Build(GateFailed, WebhookFormat.Json), WebhookPayload.Build(GateFailed with { }, WebhookFormat.Json));
        Assert.Equal(WebhookPayload.Build(GateFailed, WebhookFormat.Slack), WebhookPayload.Build(GateFailed with { }, WebhookFormat.Slack));
    }

    [Fact]
    public void The_slack_body_is_only_text_naming_the_service_campaign_and_region_with_slack_escapes()
    {
        var body = WebhookPayload.Build(GateFailed, WebhookFormat.Slack);
        using var json = JsonDocument.Parse(body);

        var property = Assert.Single(json.RootElement.EnumerateObject());
        Assert.Equal("text", property.Name);
        Assert.Equal("[rag-api] campaign cmp-1 gate failed in eu-west: hold gate failed: http_5xx_rate 0.05 &gt; 0.01 &lt;stop&gt;", property.Value.GetString());
        Assert.DoesNotContain("<stop>", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }
}
