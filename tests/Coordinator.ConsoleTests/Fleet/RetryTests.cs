using Coordinator.Fleet;
using Microsoft.Extensions.Time.Testing;

namespace Coordinator.ConsoleTests.Fleet;

/// <summary>
/// The fleet's read retry tells its own cancellation from a call that failed by being cancelled (the
/// runtime gave up on it while storage was frozen): only the first ends the loop.
/// </summary>
public sealed class RetryTests
{
    [Fact]
    public async Task A_call_that_fails_with_a_cancellation_of_its_own_is_retried()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        var read = Retry.UntilAsync(
            () => ++calls == 1 ? Task.FromException<int>(new TaskCanceledException("the runtime cancelled the call")) : Task.FromResult(42),
            TimeSpan.FromSeconds(30), time, CancellationToken.None);

        // The first call failed synchronously and the retry's backoff timer is set on the fake clock.
        Assert.Equal(1, calls);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(42, await read);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task The_callers_own_cancellation_ends_the_retry()
    {
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Retry.UntilAsync(
            () => Task.FromException<int>(new TaskCanceledException("cancelled")), TimeSpan.FromSeconds(30), new FakeTimeProvider(), stop.Token));
    }

    [Fact]
    public async Task A_refusal_by_the_coordinator_is_not_retried()
    {
        var calls = 0;
        await Assert.ThrowsAsync<CoordinatorException>(() => Retry.UntilAsync<int>(
            () =>
            {
                calls++;
                throw new CoordinatorException(CoordinatorErrorCode.StaleEpoch, "stale");
            },
            TimeSpan.FromSeconds(30), new FakeTimeProvider(), CancellationToken.None));
        Assert.Equal(1, calls);
    }
}
