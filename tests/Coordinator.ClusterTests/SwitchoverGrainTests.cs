using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Streams;

namespace Coordinator.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class SwitchoverGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Flip_events_published_after_the_answer_reach_the_stream_once_each_and_in_epoch_order()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(Client, region);
        var received = new ConcurrentQueue<long>();
        var stream = Client.GetStreamProvider(FlipStream.NoticeProviderName)
            .GetStream<ArmFlipped>(StreamId.Create(FlipStream.Namespace, FlipStream.Key(Fixtures.Service, region)));
        var subscription = await stream.SubscribeAsync((flipped, _) =>
        {
            received.Enqueue(flipped.View.Epoch);
            return Task.CompletedTask;
        });

        // Back to back: each flip answers after its write, while the events of the ones before may still be on their way.
        var arm = Arm.Blue;
        for (var epoch = 0; epoch < 30; epoch++)
        {
            arm = arm.Other();
            await grain.FlipAsync(Fixtures.Flip(arm, epoch));
        }

        await Poll.UntilAsync(() => received.Count >= 30, "all 30 flip events on the stream");
        await subscription.UnsubscribeAsync();
        Assert.Equal(Enumerable.Range(1, 30).Select(e => (long)e), received);
    }

    [Fact]
    public async Task Of_50_concurrent_flips_on_one_epoch_exactly_one_wins_and_the_rest_are_stale()
    {
        var grain = await Fixtures.RegisteredRegion(Client, Fixtures.NewRegion());

        var attempts = Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                return (Result: await grain.FlipAsync(Fixtures.Flip(Arm.Green, 0)), Error: (Exception?)null);
            }
            catch (Exception ex)
            {
                return (Result: (FlipResult?)null, Error: ex);
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        var winner = Assert.Single(outcomes, o => o.Result is not null);
        Assert.Equal(1, winner.Result!.Epoch);
        var losers = outcomes.Where(o => o.Result is null).ToList();
        Assert.Equal(49, losers.Count);
        Assert.All(losers, o =>
        {
            var stale = Assert.IsType<StaleEpochException>(o.Error);
            Assert.Equal(0, stale.Expected);
            Assert.Equal(1, stale.Actual);
        });

        var view = await grain.GetActiveArmAsync();
        Assert.Equal((Arm.Green, 1L), (view.ActiveArm, view.Epoch));
        Assert.Single(await grain.GetAuditAsync(), e => e.Command == "flip");
    }

    [Fact]
    public async Task Epochs_strictly_increase_over_20_sequential_flips_and_the_chain_verifies()
    {
        var grain = await Fixtures.RegisteredRegion(Client, Fixtures.NewRegion());

        var epochs = new List<long>();
        var arm = Arm.Blue;
        for (var i = 0; i < 20; i++)
        {
            arm = arm.Other();
            var result = await grain.FlipAsync(Fixtures.Flip(arm, i));
            epochs.Add(result.Epoch);
            Assert.Equal(arm, result.To);
        }

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), epochs);
        var verification = await grain.VerifyAuditAsync();
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal(22, verification.EntryCount);
    }

    [Fact]
    public async Task A_replayed_idempotency_key_returns_the_first_result_and_flips_nothing()
    {
        var grain = await Fixtures.RegisteredRegion(Client, Fixtures.NewRegion());
        var request = Fixtures.Flip(Arm.Green, 0, key: "deploy-42");

        var first = await grain.FlipAsync(request);
        var replay = await grain.FlipAsync(request);

        Assert.False(first.Replayed);
        Assert.True(replay.Replayed);
        Assert.Equal(first with { Replayed = true }, replay);
        var view = await grain.GetActiveArmAsync();
        Assert.Equal((Arm.Green, 1L), (view.ActiveArm, view.Epoch));
        Assert.Equal(3, (await grain.GetAuditAsync()).Count);

        // Still the first answer after the region moved on.
        await grain.FlipAsync(Fixtures.Flip(Arm.Blue, 1));
        Assert.Equal(1, (await grain.FlipAsync(request)).Epoch);
        Assert.Equal(2, (await grain.GetActiveArmAsync()).Epoch);
    }

    [Fact]
    public async Task A_claimed_region_refuses_manual_flips_until_released()
    {
        var grain = await Fixtures.RegisteredRegion(Client, Fixtures.NewRegion());
        await grain.ClaimAsync("cmp-7", "alice");

        var refused = await Assert.ThrowsAsync<RegionClaimedException>(() => grain.FlipAsync(Fixtures.Flip(Arm.Green, 0)));
        Assert.Equal("cmp-7", refused.CampaignId);
        Assert.Contains("cmp-7", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await grain.GetActiveArmAsync()).Epoch);

        await grain.FlipAsync(Fixtures.Flip(Arm.Green, 0) with { CampaignId = "cmp-7" });
        await grain.ReleaseAsync("cmp-7", "alice");
        Assert.Equal(2, (await grain.FlipAsync(Fixtures.Flip(Arm.Blue, 1))).Epoch);
    }
}
