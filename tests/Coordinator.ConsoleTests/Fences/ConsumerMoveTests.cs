using System.Text.RegularExpressions;
using Coordinator.Client.Fences;
using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.Fences;

namespace Coordinator.ConsoleTests.Fences;

public sealed class ConsumerMoveTests(ClusterFixture cluster) : FenceTestBase(cluster)
{
    [Fact]
    public async Task A_move_with_no_live_instance_of_the_old_version_completes_hands_the_offsets_over_and_the_table_shows_the_new_version()
    {
        var service = Cluster.NewService("move");
        await ConfigureAsync(service, "orders", "cv-1", 2);
        Assert.Equal(CommitOutcome.Accepted, (await CommitAsync(service, "orders", "cv-1", 0, 7, "k-1")).Outcome);
        Assert.Equal(CommitOutcome.Accepted, (await CommitAsync(service, "orders", "cv-1", 1, 9, "k-2")).Outcome);

        var move = await Cluster.RunAsync("consumers", "move", service, Region, "orders", "--to", "cv-2", "--reason", "green consumers", "--drain-timeout", "5s");

        Assert.True(move.ExitCode == 0, move.ToString());
        Assert.Contains("cv-1 → cv-2", move.Output);
        Assert.Contains("move completed", move.Output);
        Assert.Matches(new Regex(@"Partition\s*│\s*Handed offset"), move.Output);
        Assert.Matches(new Regex(@"│\s*0\s*│\s*7\s*│"), move.Output);
        Assert.Matches(new Regex(@"│\s*1\s*│\s*9\s*│"), move.Output);

        var table = await Cluster.RunAsync("consumers", service, Region);

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(new Regex(@"CONSUMER_VER\s+cv-2\b"), table.Output);
        Assert.Matches(new Regex(@"token\s+2\b"), table.Output);
        var status = await Pointer(service, "orders").GetStatusAsync();
        Assert.Equal("cv-2", status.ActiveConsumerVer);
        Assert.Equal(new long[] { 7, 9 }, status.Offsets.Values);
    }

    [Fact]
    public async Task A_move_whose_old_instance_never_acknowledges_fails_at_the_drain_timeout_with_exit_3_and_the_old_version_stays()
    {
        var service = Cluster.NewService("move-fail");
        await ConfigureAsync(service, "orders", "cv-1", 2);
        var blue = new FencedConsumer(Cluster.Client, service, Region, "orders", "cv-1", "blue-pod-1");
        Assert.Equal(ConsumerDirectiveKind.Consume, (await blue.HeartbeatAsync()).Kind);

        var move = await Cluster.RunAsync("consumers", "move", service, Region, "orders", "--to", "cv-2", "--reason", "green consumers", "--drain-timeout", "1s");

        Assert.True(move.ExitCode == 3, move.ToString());
        Assert.Contains("waiting for 1 instance(s) of cv-1 to acknowledge the pause: blue-pod-1", move.Output);
        Assert.Contains("refused", move.Errors);
        Assert.Contains("failed", move.Errors);
        Assert.Contains("never acknowledged the pause: blue-pod-1", move.Errors);
        Assert.DoesNotContain("move completed", move.Output);
        var status = await Pointer(service, "orders").GetStatusAsync();
        Assert.Equal("cv-1", status.ActiveConsumerVer);
        Assert.Equal(1, status.Token);
        Assert.Null(status.CurrentMove);
    }

    [Fact]
    public async Task No_wait_returns_while_draining_and_the_move_completes_once_the_old_instance_acknowledges()
    {
        var service = Cluster.NewService("move-nowait");
        await ConfigureAsync(service, "orders", "cv-1", 1);
        var blue = new FencedConsumer(Cluster.Client, service, Region, "orders", "cv-1", "blue-pod-1");
        await blue.HeartbeatAsync();

        var move = await Cluster.RunAsync("consumers", "move", service, Region, "orders",
            "--to", "cv-2", "--reason", "green consumers", "--drain-timeout", "10m", "--idempotency-key", "move-orders-1", "--no-wait");

        Assert.True(move.ExitCode == 0, move.ToString());
        Assert.Contains("not waiting", move.Output);
        var draining = await Cluster.RunAsync("consumers", service, Region);
        Assert.Matches(new Regex(@"current move\s+cv-1 → cv-2 Draining since .*\(key move-orders-1\); waiting for blue-pod-1"), draining.Output);

        Assert.Equal(ConsumerDirectiveKind.Pause, (await blue.HeartbeatAsync()).Kind);
        await blue.HeartbeatAsync(paused: true);

        // Replaying the key follows the same move, which the acknowledgement has completed.
        var replay = await Cluster.RunAsync("consumers", "move", service, Region, "orders",
            "--to", "cv-2", "--reason", "green consumers", "--drain-timeout", "10m", "--idempotency-key", "move-orders-1");

        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("move completed", replay.Output);
        Assert.Equal("cv-2", (await Pointer(service, "orders").GetStatusAsync()).ActiveConsumerVer);
    }

    [Fact]
    public async Task Moving_a_group_that_was_never_configured_is_refused_with_exit_3()
    {
        var run = await Cluster.RunAsync("consumers", "move", Cluster.NewService("move-none"), Region, "orders", "--to", "cv-2", "--reason", "x");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains(nameof(CoordinatorErrorCode.NotConfigured), run.Errors);
    }
}
