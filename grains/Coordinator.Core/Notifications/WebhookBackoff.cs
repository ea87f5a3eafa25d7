namespace Coordinator.Notifications;

/// <summary>
/// How long a webhook waits before trying a failed event again: exponential (doubling from
/// <see cref="Initial"/>, capped at <see cref="Max"/>) with "equal jitter", half fixed and half random,
/// so retries of many webhooks spread out yet never come sooner than half the schedule.
/// </summary>
public sealed record WebhookBackoff(TimeSpan Initial, TimeSpan Max)
{
    public static readonly WebhookBackoff Default = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    /// <param name="failures">Failed attempts so far, 1 or more.</param>
    /// <param name="jitter">A random number in [0, 1).</param>
    public TimeSpan Delay(int failures, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        if (jitter is < 0 or >= 1 || double.IsNaN(jitter))
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "must be in [0, 1)");
        }

        // 2^62 ticks overflows nothing; Min keeps the exponent there for any number of failures.
        var ceiling = Math.Min(Max.Ticks, Initial.Ticks * Math.Pow(2, Math.Min(failures - 1, 62)));
        return TimeSpan.FromTicks((long)((ceiling / 2) + (ceiling / 2 * jitter)));
    }
}
