using Coordinator.Client;
using Coordinator.Switchover;
using Microsoft.Extensions.Time.Testing;

namespace Coordinator.ClusterTests.Push;

/// <summary>
/// Pushed flip notices on a cluster whose flip stream is silent: every flip a resolver learns of here
/// came by push, or by a re-read the test caused by moving the resolver's own clock.
/// </summary>
[Collection(PushClusterCollection.Name)]
public sealed class PushPropagationTests(PushClusterFixture fixture)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(15);

    private IClusterClient Client => fixture.Client;

    private IFlipNoticeGrain Notifier => Client.GetGrain<IFlipNoticeGrain>(Fixtures.Service);

    /// <summary>A resolver whose periodic re-read and subscription renewal fire only when the test moves <paramref name="time"/>.</summary>
    private ActiveArmResolver NewResolver(FakeTimeProvider time) =>
        new(Client, new ActiveArmResolverOptions { RefreshInterval = TimeSpan.FromHours(1) }, time);

    [Fact]
    public async Task A_resolver_learns_of_a_flip_by_push_while_the_stream_delivers_nothing()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(Client, region);
        await using var resolver = NewResolver(new FakeTimeProvider());
        await resolver.GetAsync(Fixtures.Service, region);
        var changed = new TaskCompletionSource<ActiveArm>(TaskCreationOptions.RunContinuationsAsynchronously);
        resolver.Changed += arm => changed.TrySetResult(arm);

        var flip = await grain.FlipAsync(Fixtures.Flip(Arm.Green, 0));

        var seen = await changed.Task.WaitAsync(EventDeadline);
        Assert.Equal((Arm.Green, flip.Epoch, "idx-green"), (seen.Arm, seen.Epoch, seen.IndexHash));
        Assert.Equal(1, resolver.PushNoticesApplied);
        Assert.Equal(1, resolver.NotificationsApplied);
        Assert.Same(seen, await resolver.GetAsync(Fixtures.Service, region));
    }

    [Fact]
    public async Task A_resolver_whose_subscription_expired_subscribes_again_catches_up_and_is_pushed_to_again()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(Client, region);
        var resolverTime = new FakeTimeProvider();
        await using var resolver = NewResolver(resolverTime);
        await resolver.GetAsync(Fixtures.Service, region);
        Assert.Equal(1, await Notifier.CountSubscribersAsync(region));

        // The silos' clock passes the lifetime with no renewal (the resolver's clock stands still).
        fixture.Clock.Advance(FlipPush.SubscriptionLifetime);
        Assert.Equal(0, await Notifier.CountSubscribersAsync(region));
        await grain.FlipAsync(Fixtures.Flip(Arm.Green, 0));

        // The next renewal finds the subscription lapsed: it subscribes again and re-reads what it may have missed.
        resolverTime.Advance(FlipPush.RenewalInterval);
        await Poll.UntilAsync(() => resolver.TryGetCached(Fixtures.Service, region)?.Epoch == 1, "the renewal to re-subscribe and catch up on epoch 1");
        Assert.Equal(1, await Notifier.CountSubscribersAsync(region));

        var pushedBefore = resolver.PushNoticesApplied;
        await grain.FlipAsync(Fixtures.Flip(Arm.Blue, 1));
        await Poll.UntilAsync(() => resolver.TryGetCached(Fixtures.Service, region)?.Epoch == 2, "the flip to epoch 2 to be pushed to the re-subscribed resolver");
        Assert.Equal(pushedBefore + 1, resolver.PushNoticesApplied);
    }

    [Fact]
    public async Task A_stale_or_repeated_notice_arriving_late_never_moves_a_resolver_back()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(Client, region);
        await using var resolver = NewResolver(new FakeTimeProvider());
        await resolver.GetAsync(Fixtures.Service, region);
        var changes = new List<long>();
        resolver.Changed += arm =>
        {
            lock (changes)
            {
                changes.Add(arm.Epoch);
            }
        };

        // One flip at a time, each pushed before the next: notices of flips in quick succession may
        // arrive out of order, and this test wants only its own late notices to be stale.
        var arm = Arm.Blue;
        for (var epoch = 0; epoch < 3; epoch++)
        {
            arm = arm.Other();
            await grain.FlipAsync(Fixtures.Flip(arm, epoch));
            await Poll.UntilAsync(() => resolver.TryGetCached(Fixtures.Service, region)?.Epoch == epoch + 1, $"the push of epoch {epoch + 1}");
        }

        Assert.Equal(0, resolver.StaleUpdatesIgnored);
        var current = await grain.GetActiveArmAsync();

        // Through the real push path: the notifier fans these out like any notice.
        await Notifier.PublishAsync(new FlipNotice { View = current });
        await Notifier.PublishAsync(new FlipNotice { View = current with { Epoch = 1, ActiveArm = Arm.Green } });
        await Poll.UntilAsync(() => resolver.StaleUpdatesIgnored >= 1, "the stale notice to arrive and be ignored");

        var held = await resolver.GetAsync(Fixtures.Service, region);
        Assert.Equal((3L, current.ActiveArm), (held.Epoch, held.Arm));
        lock (changes)
        {
            Assert.Equal([1L, 2, 3], changes);
        }
    }

    [Fact]
    public async Task A_subscriber_that_is_gone_does_not_keep_a_flip_from_the_others()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(Client, region);
        var gone = new SilentObserver();
        var reference = Client.CreateObjectReference<IFlipObserver>(gone);
        await Notifier.SubscribeAsync(reference, [region]);
        Client.DeleteObjectReference<IFlipObserver>(reference);
        await using var resolver = NewResolver(new FakeTimeProvider());
        await resolver.GetAsync(Fixtures.Service, region);
        Assert.Equal(2, await Notifier.CountSubscribersAsync(region));

        await grain.FlipAsync(Fixtures.Flip(Arm.Green, 0));

        await Poll.UntilAsync(() => resolver.TryGetCached(Fixtures.Service, region)?.Epoch == 1, "the live resolver to be pushed the flip");
        Assert.Equal(1, resolver.PushNoticesApplied);
    }

    [Fact]
    public async Task A_subscription_naming_bad_regions_is_refused_by_field()
    {
        var observer = new SilentObserver();
        var reference = Client.CreateObjectReference<IFlipObserver>(observer);
        try
        {
            var ex = await Assert.ThrowsAsync<InvalidInputException>(() => Notifier.SubscribeAsync(reference, ["eu-west", "EU West"]));
            Assert.Equal("regions[1]", Assert.Single(ex.Errors).Field);
            Assert.Equal(0, await Notifier.CountSubscribersAsync("eu-west"));
        }
        finally
        {
            Client.DeleteObjectReference<IFlipObserver>(reference);
        }
    }

    private sealed class SilentObserver : IFlipObserver
    {
        public Task OnFlippedAsync(FlipNotice notice) => Task.CompletedTask;
    }
}
