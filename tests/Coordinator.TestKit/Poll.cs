namespace Coordinator.TestKit;

/// <summary>Thrown by a probe to stop polling at once (e.g. the process being waited on has exited).</summary>
public sealed class PollAbortedException(string message) : Exception(message);

/// <summary>
/// Synchronisation by polling a probe until its answer is the expected one, with a deadline; never by
/// sleeping a fixed time. On timeout the message names what was expected and the last answer seen.
/// </summary>
public static class Poll
{
    /// <summary>The deadline when a caller names none: generous for a loaded 2-core machine.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(5);

    /// <param name="probe">One attempt.</param>
    /// <param name="done">Whether an answer is the one being waited for.</param>
    /// <param name="expected">What is being waited for, for the timeout message ("silo-0 to answer 200 on ...").</param>
    /// <param name="within">The deadline; <see cref="DefaultDeadline"/> when null.</param>
    /// <param name="errorsMeanNotYet">
    /// When true an exception from the probe counts as "not yet" (a process still starting, a silo just
    /// killed) and the last one is reported on timeout; when false it fails the wait at once.
    /// <see cref="PollAbortedException"/> always ends the wait.
    /// </param>
    /// <param name="attemptTimeout">
    /// How long one attempt may take before it is abandoned; when null, 5 s if errors mean "not yet"
    /// (a probe of a dying process may hang), else unbounded (an in-memory cluster answers or fails).
    /// </param>
    /// <exception cref="TimeoutException">The deadline passed.</exception>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> probe,
        Func<T, bool> done,
        string expected,
        TimeSpan? within = null,
        bool errorsMeanNotYet = false,
        TimeSpan? attemptTimeout = null)
    {
        var deadline = within ?? DefaultDeadline;
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
                last = await probe().WaitAsync(attemptTimeout ?? (errorsMeanNotYet ? DefaultAttemptTimeout : Timeout.InfiniteTimeSpan));
                hasLast = true;
                lastError = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (errorsMeanNotYet && ex is not PollAbortedException)
            {
                lastError = ex;
            }

            var elapsed = TimeProvider.System.GetElapsedTime(started);
            if (elapsed >= deadline)
            {
                var seen = hasLast ? $"last answer: {Describe(last)}" : "no answer yet";
                var error = lastError is null ? string.Empty : $"; last error: {lastError.GetType().Name}: {lastError.Message}";
                throw new TimeoutException(
                    $"timed out after {elapsed.TotalSeconds:0.0} s ({attempts} attempts) waiting for {expected}; {seen}{error}", lastError);
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string expected, TimeSpan? within = null) =>
        UntilAsync(condition, holds => holds, expected, within);

    /// <summary>Polls until <paramref name="condition"/>, checked in memory, holds.</summary>
    public static Task UntilAsync(Func<bool> condition, string expected, TimeSpan? within = null) =>
        UntilAsync(() => Task.FromResult(condition()), holds => holds, expected, within);

    /// <summary>Polls until <paramref name="probe"/> completes without throwing; returns its answer.</summary>
    public static Task<T> SucceedsAsync<T>(Func<Task<T>> probe, string expected, TimeSpan within, TimeSpan? attemptTimeout = null) =>
        UntilAsync(probe, _ => true, expected, within, errorsMeanNotYet: true, attemptTimeout);

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => text,
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>()) + "]",
        _ => value.ToString() ?? string.Empty,
    };
}
