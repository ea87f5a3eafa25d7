using System.Collections.Concurrent;
using Coordinator.Client;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace Coordinator.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class ActiveArmResolverTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    /// <summary>A resolver whose periodic re-read never fires unless the test advances time.</summary>
    private ActiveArmResolver NewResolver(FakeTimeProvider? time = null) =>
        new(Client, new ActiveArmResolverOptions { RefreshInterval = TimeSpan.FromMinutes(1) }, time ?? new FakeTimeProvider());

    [Fact]
    public async Task The_resolver_learns_of_a_flip_by_notice()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(Client, region);
        await using var resolver = NewResolver();
        var before = await resolver.GetAsync(Fixtures.Service, region);
        Assert.Equal((Arm.Blue, 0L, "idx-blue"), (before.Arm, before.Epoch, before.IndexHash));
        Assert.Equal($"{Fixtures.Service}/{region}/e0/idx-blue", before.CacheKey);
        var changed = new TaskCompletionSource<ActiveArm>(TaskCreationOptions.RunContinuationsAsynchronously);
        resolver.Changed += arm => changed.TrySetResult(arm);

        await grain.FlipAsync(Fixtures.Flip(Arm.Green, 0));

        var seen = await changed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal((Arm.Green, 1L, "idx-green"), (seen.Arm, seen.Epoch, seen.IndexHash));
        Assert.Equal(1, resolver.NotificationsApplied);
        var after = await resolver.GetAsync(Fixtures.Service, region);
        Assert.Same(seen, after);
        Assert.Equal($"{Fixtures.Service}/{region}/e1/idx-green", after.CacheKey);
    }

    [Fact]
    public async Task Readers_never_see_a_lower_epoch_after_a_higher_one_even_when_a_stale_notice_arrives()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(Client, region);
        await using var resolver = NewResolver();
        await resolver.GetAsync(Fixtures.Service, region);

        using var stop = new CancellationTokenSource();
        var observations = new ConcurrentBag<List<long>>();
        var started = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var readers = started.Select(reading => Task.Run(async () =>
        {
            var seen = new List<long>();
            while (!stop.IsCancellationRequested)
            {
                seen.Add((await resolver.GetAsync(Fixtures.Service, region)).Epoch);
                reading.TrySetResult();

                // A cached read completes synchronously: yield, or four readers hold the pool's threads and starve the flips.
                await Task.Yield();
            }

            observations.Add(seen);
        })).ToList();

        // Every reader is reading before the first flip (pushed flips land in milliseconds; on a loaded machine a reader task can start late).
        await Task.WhenAll(started.Select(s => s.Task)).WaitAsync(TimeSpan.FromSeconds(30));

        var arm = Arm.Blue;
        for (var epoch = 0; epoch < 20; epoch++)
        {
            arm = arm.Other();
            await grain.FlipAsync(Fixtures.Flip(arm, epoch));
        }

        await Poll.UntilAsync(() => resolver.TryGetCached(Fixtures.Service, region)?.Epoch == 20, "the resolver to reach epoch 20");

        // A notice from the past (e.g. a late push of an earlier flip) must be ignored.
        var oldView = (await grain.GetActiveArmAsync()) with { Epoch = 3, ActiveArm = Arm.Green };
        await Client.GetGrain<IFlipNoticeGrain>(Fixtures.Service).PublishAsync(new FlipNotice { View = oldView });
        await Poll.UntilAsync(() => resolver.StaleUpdatesIgnored >= 1, "the stale pushed notice to be received and ignored");

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Equal(20, (await resolver.GetAsync(Fixtures.Service, region)).Epoch);
        Assert.Equal(4, observations.Count);
        Assert.All(observations, seen =>
        {
            Assert.NotEmpty(seen);
            for (var i = 1; i < seen.Count; i++)
            {
                Assert.True(seen[i] >= seen[i - 1], $"epoch went back from {seen[i - 1]} to {seen[i]}");
            }
        });
    }

    [Fact]
    public async Task A_resolver_that_follows_the_flip_stream_applies_what_arrives_only_there_and_ignores_stale_events()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(Client, region);
        await using var resolver = new ActiveArmResolver(
            Client, new ActiveArmResolverOptions { RefreshInterval = TimeSpan.FromMinutes(1), FollowFlipStream = true }, new FakeTimeProvider());
        await resolver.GetAsync(Fixtures.Service, region);
        var stream = Client.GetStreamProvider(FlipStream.NoticeProviderName)
            .GetStream<ArmFlipped>(StreamId.Create(FlipStream.Namespace, FlipStream.Key(Fixtures.Service, region)));

        // An event on the stream alone, as when the flip's push died with its silo: the resolver takes it.
        var flipped = (await grain.GetActiveArmAsync()) with { Epoch = 1, ActiveArm = Arm.Green };
        await stream.OnNextAsync(new ArmFlipped { View = flipped, From = Arm.Blue, Operator = "alice", Reason = "push lost" });
        await Poll.UntilAsync(() => resolver.TryGetCached(Fixtures.Service, region)?.Epoch == 1, "the resolver to take epoch 1 from the flip stream");

        // A redelivered older event is ignored.
        await stream.OnNextAsync(new ArmFlipped { View = flipped with { Epoch = 0, ActiveArm = Arm.Blue }, From = Arm.Green, Operator = "replayer", Reason = "late" });
        await Poll.UntilAsync(() => resolver.StaleUpdatesIgnored >= 1, "the stale stream event to be received and ignored");
        Assert.Equal((Arm.Green, 1L), (resolver.TryGetCached(Fixtures.Service, region)!.Arm, resolver.TryGetCached(Fixtures.Service, region)!.Epoch));
    }

    [Fact]
    public async Task The_periodic_re_read_picks_up_what_no_notification_announced()
    {
        var region = Fixtures.NewRegion();
        var grain = Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(Fixtures.Service, region));
        var time = new FakeTimeProvider();
        await using var resolver = NewResolver(time);

        // Nothing registered yet: a clear, typed refusal, and the region stays watched.
        await Assert.ThrowsAsync<ArmNotRegisteredException>(() => resolver.GetAsync(Fixtures.Service, region).AsTask());

        // Registration publishes no flip, so only the safety-net re-read can see it.
        await grain.RegisterArmAsync(Arm.Blue, Fixtures.Manifest("idx-blue"), "alice");
        Assert.Null(resolver.TryGetCached(Fixtures.Service, region));

        time.Advance(TimeSpan.FromMinutes(1));

        await Poll.UntilAsync(() => resolver.TryGetCached(Fixtures.Service, region) is not null, "the periodic re-read to load the Blue manifest");
        Assert.Equal("idx-blue", resolver.TryGetCached(Fixtures.Service, region)!.IndexHash);
        Assert.Equal(0, resolver.NotificationsApplied);
    }

    [Fact]
    public async Task Bad_names_are_refused_before_any_call()
    {
        await using var resolver = NewResolver();
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => resolver.GetAsync("Rag API", "eu-west").AsTask());
        Assert.Equal("service", Assert.Single(ex.Errors).Field);
    }
}
