namespace Coordinator.IntegrationTests.Infrastructure;

/// <summary>Thrown by a probe to stop polling at once (e.g. the process being waited on has exited).</summary>
public sealed class PollAbortedException(string message) : Exception(message);

/// <summary>Polls a probe until its answer is acceptable or a deadline passes; never waits blindly.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(5);

    /// <param name="probe">One attempt; exceptions count as "not yet" (except <see cref="PollAbortedException"/>).</param>
    /// <param name="isDone">Whether an answer is the one being waited for.</param>
    /// <param name="within">The deadline.</param>
    /// <param name="expected">What is being waited for, for the timeout message.</param>
    /// <param name="attemptTimeout">How long one attempt may take before it is abandoned.</param>
    /// <exception cref="TimeoutException">The deadline passed; the message has the last answer and error.</exception>
    public static async Task<T> MatchAsync<T>(
        Func<Task<T>> probe, Func<T, bool> isDone, TimeSpan within, string expected, TimeSpan? attemptTimeout = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        var attempts = 0;
        var hasLast = false;
        T last = default!;
        Exception? lastError = null;
        while (true)
        {
            attempts++;
            try
            {
                last = await probe().WaitAsync(attemptTimeout ?? DefaultAttemptTimeout);
                hasLast = true;
                lastError = null;
                if (isDone(last))
                {
                    return last;
                }
            }
            catch (PollAbortedException)
            {
                throw;
            }
            catch (Exception ex)
            {
                lastError = ex;
            }

            var elapsed = TimeProvider.System.GetElapsedTime(started);
            if (elapsed >= within)
            {
                var seen = hasLast ? $"last answer: {Describe(last)}" : "no answer yet";
                var error = lastError is null ? string.Empty : $"; last error: {lastError.GetType().Name}: {lastError.Message}";
                throw new TimeoutException($"waited {elapsed.TotalSeconds:0.0} s ({attempts} attempts) for {expected}; {seen}{error}", lastError);
            }

            await Task.Delay(DefaultInterval);
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => text,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>()) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Polls until <paramref name="probe"/> completes without throwing.</summary>
    public static Task<T> SucceedsAsync<T>(Func<Task<T>> probe, TimeSpan within, string expected, TimeSpan? attemptTimeout = null) =>
        MatchAsync(probe, _ => true, within, expected, attemptTimeout);
}
