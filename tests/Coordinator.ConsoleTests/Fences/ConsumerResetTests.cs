using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.Fences;

namespace Coordinator.ConsoleTests.Fences;

public sealed class ConsumerResetTests(ClusterFixture cluster) : FenceTestBase(cluster)
{
    [Fact]
    public async Task Reset_moves_a_partition_back_explicitly()
    {
        var service = Cluster.NewService("reset");
        await ConfigureAsync(service, "orders", "cv-1", 2);
        Assert.Equal(CommitOutcome.Accepted, (await CommitAsync(service, "orders", "cv-1", 1, 50, "k-1")).Outcome);

        var run = await Cluster.RunAsync("consumers", "reset", service, Region, "orders", "--partition", "1", "--offset", "10", "--reason", "replay after bad deploy", "--operator", "alice");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"reset {service}/{Region}/orders partition 1: offset 50 → 10 (audited as alice)", run.Output);
        Assert.Equal(10, (await Pointer(service, "orders").GetStatusAsync()).Offsets[1]);
    }

    [Fact]
    public async Task Reset_of_a_partition_the_pointer_does_not_have_exits_2_naming_the_partition_and_changes_nothing()
    {
        var service = Cluster.NewService("reset-bad");
        await ConfigureAsync(service, "orders", "cv-1", 2);
        Assert.Equal(CommitOutcome.Accepted, (await CommitAsync(service, "orders", "cv-1", 1, 50, "k-1")).Outcome);
        var before = await Pointer(service, "orders").GetStatusAsync();

        var run = await Cluster.RunAsync("consumers", "reset", service, Region, "orders", "--partition", "7", "--offset", "0", "--reason", "typo");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("partition", run.Errors);
        Assert.Contains("7 is not a partition of this pointer (0..1)", run.Errors);
        Assert.DoesNotContain("reset ", run.Output);
        var after = await Pointer(service, "orders").GetStatusAsync();
        Assert.Equal(before.Offsets, after.Offsets);
        Assert.Equal(before.Token, after.Token);
        Assert.Equal(before.Counters, after.Counters);
    }
}
