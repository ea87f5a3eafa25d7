using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.Grains.Directory;

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

    [Fact]
    public async Task A_services_first_region_lists_it_in_the_catalog_once_and_an_invalid_region_does_not()
    {
        var service = Cluster.NewService("catalog");
        var refused = Cluster.NewService("catalog-bad");
        var catalog = Cluster.Client.GetGrain<IServiceCatalogGrain>(ServiceCatalog.Key);

        await Cluster.Client.GetGrain<IServiceDirectoryGrain>(service).AddRegionAsync("eu-west");
        await Cluster.Client.GetGrain<IServiceDirectoryGrain>(service).AddRegionAsync("us-east");
        await Assert.ThrowsAsync<InvalidInputException>(() => Cluster.Client.GetGrain<IServiceDirectoryGrain>(refused).AddRegionAsync("EU_West"));

        var services = await catalog.GetServicesAsync();
        Assert.Single(services, s => s == service);
        Assert.DoesNotContain(refused, services);
        Assert.Equal([.. services.Order(StringComparer.Ordinal)], services);
    }

    [Fact]
    public async Task A_service_whose_regions_were_stored_before_the_catalog_joins_it_when_its_region_list_is_read()
    {
        var service = Cluster.NewService("catalog-old");
        var directory = Cluster.Client.GetGrain<IServiceDirectoryGrain>(service);
        await SiloStorage.SeedAsync(Cluster, directory, "directory", new ServiceDirectoryState { Regions = ["eu-west"] });
        var catalog = Cluster.Client.GetGrain<IServiceCatalogGrain>(ServiceCatalog.Key);
        Assert.DoesNotContain(service, await catalog.GetServicesAsync());

        Assert.Equal(["eu-west"], await directory.GetRegionsAsync());

        Assert.Contains(service, await catalog.GetServicesAsync());
    }
}
