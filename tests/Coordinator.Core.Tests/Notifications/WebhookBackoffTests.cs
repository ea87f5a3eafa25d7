using Coordinator.Notifications;

namespace Coordinator.Core.Tests.Notifications;

public sealed class WebhookBackoffTests
{
    private static readonly WebhookBackoff Backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(40, 60)]
    public void The_delay_doubles_to_the_cap_and_jitter_spreads_it_over_its_upper_half(int failures, double ceilingSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds / 2), Backoff.Delay(failures, 0));
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds * 0.75), Backoff.Delay(failures, 0.5));
        var highest = Backoff.Delay(failures, Math.BitDecrement(1.0));
        Assert.True(highest <= TimeSpan.FromSeconds(ceilingSeconds) && highest > TimeSpan.FromSeconds(ceilingSeconds * 0.99), $"{highest}");
    }

    [Fact]
    public void Any_number_of_failures_stays_at_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Delay(int.MaxValue, 0));
        Assert.Equal(TimeSpan.FromSeconds(150), WebhookBackoff.Default.Delay(1000, 0));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 1.0)]
    [InlineData(1, -0.1)]
    [InlineData(1, double.NaN)]
    public void Out_of_range_arguments_are_refused(int failures, double jitter) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(failures, jitter));
}
