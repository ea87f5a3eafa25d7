using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coordinator.Notifications;

/// <summary>
/// Signing of deliveries: <c>X-Coordinator-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>
/// with the Unix-seconds <c>X-Coordinator-Timestamp</c>, so a receiver checks both that the body came
/// from the coordinator unchanged and that it is recent.
/// </summary>
public static class WebhookSignature
{
    /// <summary>"sha256=" and the lowercase hex HMAC of "<paramref name="timestamp"/>." followed by <paramref name="body"/>, keyed by the UTF-8 of <paramref name="secret"/>.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return WebhookHeaders.SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>
    /// Whether <paramref name="signature"/> signs <paramref name="timestamp"/> and <paramref name="body"/>
    /// with <paramref name="secret"/>, and the timestamp is within <paramref name="tolerance"/> of
    /// <paramref name="now"/>. Compared in constant time.
    /// </summary>
    public static bool Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(secret) || signature is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>Every header of one attempt, signed at <paramref name="now"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(CampaignNotification notification, string secret, int attempt, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var timestamp = now.ToUnixTimeSeconds();
        return
        [
            new(WebhookHeaders.EventId, notification.EventId),
            new(WebhookHeaders.Event, notification.Kind.ToWire()),
            new(WebhookHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture)),
            new(WebhookHeaders.Signature, Sign(secret, timestamp, body)),
            new(WebhookHeaders.Attempt, attempt.ToString(CultureInfo.InvariantCulture)),
        ];
    }
}
