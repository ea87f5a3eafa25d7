using System.Text;
using Coordinator.Campaigns;
using Coordinator.Notifications;

namespace Coordinator.Core.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec-test-0123456789";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"a\"}");
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1767225600);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_signature_matches_an_independent_hmac_sha256_of_timestamp_dot_body()
    {
        // Computed with Python's hmac module: hmac.new(secret, b"1767225600." + body, sha256).hexdigest().
        Assert.Equal("sha256=5169d8c34a8055e3a00b0bd12774e82433599200a577a2e903a37c2a3f63109d", WebhookSignature.Sign(Secret, 1767225600, Body));
    }

    [Fact]
    public void Verify_accepts_the_signed_delivery_and_refuses_a_changed_body_secret_timestamp_or_an_old_one()
    {
        var signature = WebhookSignature.Sign(Secret, At.ToUnixTimeSeconds(), Body);
        var timestamp = At.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(WebhookSignature.Verify(Secret, timestamp, signature, Body, At.AddMinutes(1), Tolerance));
        Assert.False(WebhookSignature.Verify(Secret, timestamp, signature, Encoding.UTF8.GetBytes("{\"id\":\"b\"}"), At, Tolerance));
        Assert.False(WebhookSignature.Verify("whsec-test-9876543210", timestamp, signature, Body, At, Tolerance));
        Assert.False(WebhookSignature.Verify(Secret, (At.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), signature, Body, At, Tolerance));
        Assert.False(WebhookSignature.Verify(Secret, timestamp, signature, Body, At.AddMinutes(6), Tolerance));
        Assert.False(WebhookSignature.Verify(Secret, null, signature, Body, At, Tolerance));
        Assert.False(WebhookSignature.Verify(Secret, timestamp, null, Body, At, Tolerance));
    }

    [Fact]
    public void The_headers_carry_the_event_id_kind_attempt_and_a_signature_over_the_attempts_timestamp()
    {
        var notification = new CampaignNotification
        {
            Sequence = 3, EventId = "rag-api/cmp-1/3", Kind = NotificationKind.RolledBack, Service = "rag-api", CampaignId = "cmp-1",
            CampaignVersion = 9, State = CampaignState.RolledBack, Message = "rolled back", At = At,
        };

        var headers = WebhookSignature.Headers(notification, Secret, attempt: 2, Body, At.AddSeconds(30)).ToDictionary(h => h.Key, h => h.Value);

        Assert.Equal("rag-api/cmp-1/3", headers[WebhookHeaders.EventId]);
        Assert.Equal("rolled_back", headers[WebhookHeaders.Event]);
        Assert.Equal("2", headers[WebhookHeaders.Attempt]);
        Assert.Equal((At.ToUnixTimeSeconds() + 30).ToString(System.Globalization.CultureInfo.InvariantCulture), headers[WebhookHeaders.Timestamp]);
        Assert.True(WebhookSignature.Verify(Secret, headers[WebhookHeaders.Timestamp], headers[WebhookHeaders.Signature], Body, At.AddSeconds(30), Tolerance));
    }
}
