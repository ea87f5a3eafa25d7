using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.ServiceDirectory;

public sealed class ServiceDirectoryGrainTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    [Fact]
    public async Task Regions_are_kept_once_each_in_ordinal_order()
    {
        var directory = Cluster.Client.GetGrain<IServiceDirectoryGrain>(Cluster.NewService("dir"));

        await directory.AddRegionAsync("us-east");
        await directory.AddRegionAsync("ap-south");
        await directory.AddRegionAsync("us-east");
        await directory.AddRegionAsync("eu-west");

        Assert.Equal(["ap-south", "eu-west", "us-east"], await directory.GetRegionsAsync());
    }

    [Fact]
    public async Task An_invalid_region_is_refused_and_not_recorded()
    {
        var directory = Cluster.Client.GetGrain<IServiceDirectoryGrain>(Cluster.NewService("dir-bad"));

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => directory.AddRegionAsync("EU_West"));

        Assert.Contains(refused.Errors, e => e.Field == "region");
        Assert.Empty(await directory.GetRegionsAsync());
    }
}
