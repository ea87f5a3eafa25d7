using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Grains;
using Coordinator.Switchover;
using Coordinator.TestKit;

namespace Coordinator.ClusterTests.Reliability;

/// <summary>
/// Re-reads cost storage reads only for activations somebody calls (<see cref="StoredStateRecheck"/>); an
/// idle one that another activation wrote behind catches up before it answers its next call. On fake time:
/// the grain timers come due only when the test advances the clock.
/// </summary>
[Collection(FakeTimeClusterCollection.Name)]
public sealed class IdleRereadTests(FakeTimeClusterFixture fixture)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task An_idle_pointer_reads_nothing_on_its_timer_and_its_next_call_answers_what_another_activation_wrote()
    {
        var region = Fixtures.NewRegion();
        var grain = await Fixtures.RegisteredRegion(fixture.Client, region);
        var readsBefore = StateReadLog.ReadsOf(RegionKey.Format(Fixtures.Service, region));

        await StayIdleAsync();

        // Only the two ticks within two periods of the last call re-read; old code re-read on every tick.
        var idleReads = StateReadLog.ReadsOf(RegionKey.Format(Fixtures.Service, region)) - readsBefore;
        Assert.True(idleReads <= 2, $"an idle pointer read its state {idleReads} times in {Idle.TotalSeconds:0} s of its clock");

        // Another activation flipped while this one sat idle: its first call must not answer epoch 0.
        await StoredState.WriteBehindAsync<SwitchoverState>(fixture.Cluster, grain, "switchover", state =>
            SwitchoverRules.Flip(state, Fixtures.Service, region, Fixtures.Flip(Arm.Green, 0, "other-activation"), fixture.Clock.GetUtcNow(), AuditKey.DemoNotSecret).Next!);

        var view = await grain.GetActiveArmAsync();
        Assert.Equal((Arm.Green, 1L), (view.ActiveArm, view.Epoch));
    }

    [Fact]
    public async Task An_idle_pointer_whose_storage_does_not_answer_its_re_read_answers_from_what_storage_last_confirmed()
    {
        var region = Fixtures.NewRegion();
        var key = RegionKey.Format(Fixtures.Service, region);
        var grain = await Fixtures.RegisteredRegion(fixture.Client, region);
        await StayIdleAsync();
        await StoredState.WriteBehindAsync<SwitchoverState>(fixture.Cluster, grain, "switchover", state =>
            SwitchoverRules.Flip(state, Fixtures.Service, region, Fixtures.Flip(Arm.Green, 0, "other-activation"), fixture.Clock.GetUtcNow(), AuditKey.DemoNotSecret).Next!);

        // Storage stops answering the pointer: its first call waits for the re-read only as long as the probe's
        // timeout on the silos' clock, then answers what storage last confirmed instead of hanging.
        var held = StateReadLog.HoldReadsOf(key);
        var read = grain.GetActiveArmAsync();
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await Poll.UntilAsync(
            () =>
            {
                fixture.Clock.Advance(TimeSpan.FromSeconds(1));
                return read.IsCompleted;
            },
            $"the read to be answered once {StoredStateProbe<object>.Timeout.TotalSeconds:0} s of the silos' clock passed without storage answering");
        var answered = await read;
        Assert.Equal((Arm.Blue, 0L), (answered.ActiveArm, answered.Epoch));

        // Storage answers again: the re-read that was left running lands, and reads follow what it read.
        held.Release();
        var caughtUp = await Poll.UntilAsync(
            () => grain.GetActiveArmAsync(),
            v => v.Epoch == 1,
            "the pointer's reads to reach the stored epoch 1 once storage answered its re-read");
        Assert.Equal(Arm.Green, caughtUp.ActiveArm);
    }

    [Fact]
    public async Task An_idle_consumer_pointer_answers_its_next_call_from_what_another_activation_wrote()
    {
        var region = Fixtures.NewRegion();
        var fence = FenceKey.Format(Fixtures.Service, region, "orders");
        var pointer = fixture.Client.GetGrain<IConsumerPointerGrain>(fence);
        await pointer.ConfigureAsync("consumer-blue", 1, "alice");
        var readsBefore = StateReadLog.ReadsOf(fence);

        await StayIdleAsync();

        var idleReads = StateReadLog.ReadsOf(fence) - readsBefore;
        Assert.True(idleReads <= 2, $"an idle consumer pointer read its state {idleReads} times in {Idle.TotalSeconds:0} s of its clock");

        await StoredState.WriteBehindAsync<ConsumerPointerState>(fixture.Cluster, pointer, "consumers", state =>
            ConsumerPointerRules.Pause(state, fence, "cmp-other", "bob", fixture.Clock.GetUtcNow(), AuditKey.DemoNotSecret).Next!);

        var status = await pointer.GetStatusAsync();
        Assert.Equal("cmp-other", status.PausedBy);
    }

    /// <summary>
    /// Moves the silos' clock on a period at a time, with a round trip to another grain between steps so
    /// the timers that came due get to run (their next period starts when they finish).
    /// </summary>
    private async Task StayIdleAsync()
    {
        var pacer = fixture.Client.GetGrain<IServiceDirectoryGrain>("idle-reread-pacer");
        for (var idle = TimeSpan.Zero; idle < Idle; idle += StoredStateRecheck.Period)
        {
            fixture.Clock.Advance(StoredStateRecheck.Period);
            await pacer.GetRegionsAsync();
        }
    }
}
