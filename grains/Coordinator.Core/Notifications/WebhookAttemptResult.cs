namespace Coordinator.Notifications;

/// <summary>What one POST of an event came to: an HTTP status, or an error before any status (timeout, refused connection).</summary>
public sealed record WebhookAttemptResult(int? StatusCode, string? Error)
{
    /// <summary>Only a 2xx acknowledges an event; a redirect is not followed and counts as a failure.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>"HTTP 200", or the error.</summary>
    public override string ToString() => StatusCode is { } code ? $"HTTP {code}" : Error ?? "no answer";
}
