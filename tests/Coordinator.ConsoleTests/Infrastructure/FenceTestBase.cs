using Coordinator.Fences;

namespace Coordinator.ConsoleTests.Infrastructure;

/// <summary>Shared steps of the lease and consumer-pointer tests.</summary>
public abstract class FenceTestBase(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    protected const string Region = "eu-west";

    protected ILeaseGrain Lease(string service, string writer) =>
        Cluster.Client.GetGrain<ILeaseGrain>(FenceKey.Format(service, Region, writer));

    protected IConsumerPointerGrain Pointer(string service, string group) =>
        Cluster.Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, Region, group));

    protected IFenceDirectoryGrain DirectoryOf(string service) =>
        Cluster.Client.GetGrain<IFenceDirectoryGrain>(RegionKey.Format(service, Region));

    /// <summary>Configures a group through the console, as an operator would.</summary>
    protected async Task ConfigureAsync(string service, string group, string consumerVer, int partitions)
    {
        var run = await Cluster.RunAsync("consumers", "configure", service, Region, group,
            "--consumer-ver", consumerVer, "--partitions", partitions.ToString(System.Globalization.CultureInfo.InvariantCulture), "--operator", "tester");
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>Commits straight to the pointer with its current token, without registering a consumer instance.</summary>
    protected async Task<CommitResult> CommitAsync(string service, string group, string consumerVer, int partition, long offset, string key)
    {
        var pointer = Pointer(service, group);
        var token = (await pointer.GetStatusAsync()).Token;
        return await pointer.CommitAsync(new CommitRequest
        {
            Partition = partition,
            Offset = offset,
            IdempotencyKey = key,
            PayloadHash = "sha256:" + key,
            Token = token,
            ConsumerVer = consumerVer,
        });
    }
}
