namespace Coordinator.Fleet;

/// <summary>Retries a read while a silo is being replaced (calls fail for seconds after a silo dies), up to a deadline.</summary>
public static class Retry
{
    /// <summary>
    /// How long one polling call may take. A call in flight through a silo that was just killed waits
    /// for Orleans' 30 s response timeout; the next poll, routed to a live silo, should not wait for it.
    /// </summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(2);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> call, TimeSpan within, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + within;
        var wait = First;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is not CoordinatorException && CallFailures.IsFailure(ex, cancellationToken) && time.GetUtcNow() + wait < deadline)
            {
                await Task.Delay(wait, time, cancellationToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, Longest.Ticks));
            }
        }
    }
}
