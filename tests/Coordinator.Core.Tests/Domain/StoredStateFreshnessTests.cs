using Coordinator.Domain;

namespace Coordinator.Core.Tests.Domain;

public sealed class StoredStateFreshnessTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Loaded = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_activation_nobody_calls_stops_re_reading_two_periods_after_it_was_loaded()
    {
        var freshness = new StoredStateFreshness(Period, Loaded);

        Assert.True(freshness.TickRereads(Loaded + Period));
        Assert.True(freshness.TickRereads(Loaded + (Period * 2)));
        Assert.False(freshness.TickRereads(Loaded + (Period * 3)));
        Assert.False(freshness.TickRereads(Loaded + TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_call_keeps_the_timer_re_reading_for_two_periods_after_it()
    {
        var freshness = new StoredStateFreshness(Period, Loaded);
        var call = Loaded + TimeSpan.FromMinutes(3);

        Assert.True(freshness.CallRereadsFirst(call));
        Assert.True(freshness.TickRereads(call + Period));
        Assert.True(freshness.TickRereads(call + (Period * 2)));
        Assert.False(freshness.TickRereads(call + (Period * 2) + TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void A_call_waits_for_a_re_read_only_when_nothing_confirmed_the_state_for_two_periods()
    {
        var freshness = new StoredStateFreshness(Period, Loaded);

        Assert.False(freshness.CallRereadsFirst(Loaded + (Period * 2)));
        Assert.True(freshness.CallRereadsFirst(Loaded + (Period * 2) + TimeSpan.FromMilliseconds(1)));

        // The timer's re-read (or the call's own) confirms it again.
        freshness.Confirmed(Loaded + (Period * 2));
        Assert.False(freshness.CallRereadsFirst(Loaded + (Period * 3)));
        Assert.True(freshness.CallRereadsFirst(Loaded + (Period * 5)));
    }

    [Fact]
    public void A_warm_activation_whose_timer_re_reads_every_period_never_makes_a_caller_wait()
    {
        var freshness = new StoredStateFreshness(Period, Loaded);
        var now = Loaded;
        for (var i = 0; i < 100; i++)
        {
            // A caller every second; the timer's period starts after its read, which takes up to 2 s.
            now += TimeSpan.FromSeconds(1);
            Assert.False(freshness.CallRereadsFirst(now), $"call {i} at +{(now - Loaded).TotalSeconds} s");
            if (i % 7 == 6)
            {
                Assert.True(freshness.TickRereads(now));
                freshness.Confirmed(now);
            }
        }
    }

    [Fact]
    public void A_late_confirmation_never_moves_the_clock_back()
    {
        var freshness = new StoredStateFreshness(Period, Loaded);
        freshness.Confirmed(Loaded + (Period * 2));
        freshness.Confirmed(Loaded + Period);

        Assert.False(freshness.CallRereadsFirst(Loaded + (Period * 4)));
    }

    [Fact]
    public void A_period_that_is_not_positive_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StoredStateFreshness(TimeSpan.Zero, Loaded));
        Assert.Equal("period", error.ParamName);
    }
}
