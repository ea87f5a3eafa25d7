using Coordinator.Domain;
using Coordinator.Switchover;

namespace Coordinator.Core.Tests.Switchover;

public sealed class FlipSubscriptionBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(90);

    private static FlipSubscriptionBook<string> Book() => new(Lifetime);

    [Fact]
    public void A_first_subscription_was_not_live_and_a_renewal_within_its_lifetime_was()
    {
        var book = Book();

        Assert.False(book.Subscribe("client-a", ["eu-west"], T0));
        Assert.True(book.Subscribe("client-a", ["eu-west"], T0 + Lifetime - TimeSpan.FromTicks(1)));
        Assert.Equal(["client-a"], book.Following("eu-west", T0 + Lifetime));
    }

    [Fact]
    public void A_subscription_not_renewed_within_its_lifetime_expires_and_is_no_longer_sent_to()
    {
        var book = Book();
        book.Subscribe("client-a", ["eu-west"], T0);
        book.Subscribe("client-b", ["eu-west"], T0 + TimeSpan.FromSeconds(60));

        var followers = book.Following("eu-west", T0 + Lifetime);

        Assert.Equal(["client-b"], followers);
        Assert.Equal(1, book.Count);
    }

    [Fact]
    public void Renewing_an_expired_subscription_says_it_lapsed_and_starts_afresh_without_its_old_regions()
    {
        var book = Book();
        book.Subscribe("client-a", ["eu-west", "us-east"], T0);

        var wasLive = book.Subscribe("client-a", ["us-east"], T0 + Lifetime);

        Assert.False(wasLive);
        Assert.Empty(book.Following("eu-west", T0 + Lifetime));
        Assert.Equal(["client-a"], book.Following("us-east", T0 + Lifetime));
    }

    [Fact]
    public void Regions_add_up_on_a_live_subscription_so_racing_single_region_calls_lose_none()
    {
        var book = Book();
        book.Subscribe("client-a", ["eu-west"], T0);
        book.Subscribe("client-a", ["us-east"], T0 + TimeSpan.FromSeconds(1));

        Assert.Equal(["client-a"], book.Following("eu-west", T0 + TimeSpan.FromSeconds(2)));
        Assert.Equal(["client-a"], book.Following("us-east", T0 + TimeSpan.FromSeconds(2)));
        Assert.Empty(book.Following("ap-south", T0 + TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void A_renewal_of_any_region_keeps_all_of_the_subscription_alive()
    {
        var book = Book();
        book.Subscribe("client-a", ["eu-west", "us-east"], T0);

        book.Subscribe("client-a", ["us-east"], T0 + TimeSpan.FromSeconds(80));

        Assert.Equal(["client-a"], book.Following("eu-west", T0 + TimeSpan.FromSeconds(160)));
    }

    [Fact]
    public void Unsubscribing_stops_notices_and_an_unknown_subscriber_changes_nothing()
    {
        var book = Book();
        book.Subscribe("client-a", ["eu-west"], T0);
        book.Subscribe("client-b", ["eu-west"], T0);

        Assert.True(book.Unsubscribe("client-a"));
        Assert.False(book.Unsubscribe("client-z"));

        Assert.Equal(["client-b"], book.Following("eu-west", T0));
        Assert.Equal(1, book.Count);
    }

    [Fact]
    public void Bad_region_names_are_refused_by_field_and_nothing_changes()
    {
        var book = Book();
        book.Subscribe("client-a", ["eu-west"], T0);

        var ex = Assert.Throws<InvalidInputException>(() => book.Subscribe("client-a", ["us-east", "EU West", ""], T0 + TimeSpan.FromSeconds(80)));

        Assert.Equal(["regions[1]", "regions[2]"], ex.Errors.Select(e => e.Field));
        Assert.Empty(book.Following("us-east", T0 + TimeSpan.FromSeconds(80)));
        Assert.Empty(book.Following("eu-west", T0 + Lifetime));
    }

    [Fact]
    public void An_empty_region_list_is_refused()
    {
        var ex = Assert.Throws<InvalidInputException>(() => Book().Subscribe("client-a", [], T0));
        Assert.Equal("regions", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void A_subscriber_may_follow_at_most_the_limit_of_regions_in_all()
    {
        var book = Book();
        var regions = Enumerable.Range(0, Limits.MaxFollowedRegions).Select(i => $"r-{i}").ToList();
        Assert.False(book.Subscribe("client-a", regions, T0));

        var ex = Assert.Throws<InvalidInputException>(() => book.Subscribe("client-a", ["one-more"], T0));

        Assert.Equal("regions", Assert.Single(ex.Errors).Field);
        Assert.Empty(book.Following("one-more", T0));

        // Regions already followed do not count twice.
        Assert.True(book.Subscribe("client-a", ["r-0", "r-1"], T0));
    }

    [Fact]
    public void Expired_subscriptions_are_swept_from_memory_by_later_calls()
    {
        var book = Book();
        for (var i = 0; i < 50; i++)
        {
            book.Subscribe($"client-{i}", ["eu-west"], T0);
        }

        book.Subscribe("late", ["us-east"], T0 + Lifetime + TimeSpan.FromSeconds(30));

        Assert.Equal(1, book.Count);
    }

    [Fact]
    public void The_lifetime_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlipSubscriptionBook<string>(TimeSpan.Zero));
}
