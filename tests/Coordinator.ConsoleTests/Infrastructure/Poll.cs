namespace Coordinator.ConsoleTests.Infrastructure;

/// <summary>Synchronisation by polling with a deadline, never by sleeping a fixed time.</summary>
public static class Poll
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        var until = DateTimeOffset.UtcNow + (deadline ?? DefaultDeadline);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"timed out waiting for {what}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }
}
