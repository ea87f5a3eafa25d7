using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.Fences;
using Coordinator.Grains.Directory;

namespace Coordinator.ConsoleTests.Fences;

public sealed class FenceDirectoryGrainTests(ClusterFixture cluster) : FenceTestBase(cluster)
{
    [Fact]
    public async Task Writers_and_groups_are_kept_apart_once_each_in_ordinal_order()
    {
        var directory = DirectoryOf(Cluster.NewService("fdir"));

        await directory.AddWriterAsync("indexer");
        await directory.AddWriterAsync("etl");
        await directory.AddWriterAsync("indexer");
        await directory.AddConsumerGroupAsync("webhooks");
        await directory.AddConsumerGroupAsync("orders");
        await directory.AddConsumerGroupAsync("webhooks");

        var listed = await directory.GetAsync();
        Assert.Equal(["etl", "indexer"], listed.Writers);
        Assert.Equal(["orders", "webhooks"], listed.ConsumerGroups);
    }

    [Fact]
    public async Task An_invalid_name_is_refused_naming_its_field_and_not_recorded()
    {
        var directory = DirectoryOf(Cluster.NewService("fdir-bad"));

        var writer = await Assert.ThrowsAsync<InvalidInputException>(() => directory.AddWriterAsync("Index_Er"));
        var group = await Assert.ThrowsAsync<InvalidInputException>(() => directory.AddConsumerGroupAsync(""));

        Assert.Contains(writer.Errors, e => e.Field == "writer");
        Assert.Contains(group.Errors, e => e.Field == "group");
        var listed = await directory.GetAsync();
        Assert.Empty(listed.Writers);
        Assert.Empty(listed.ConsumerGroups);
    }

    [Fact]
    public async Task A_key_that_is_not_service_slash_region_is_refused()
    {
        var directory = Cluster.Client.GetGrain<IFenceDirectoryGrain>("no-region-here");

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => directory.AddWriterAsync("indexer"));

        Assert.Contains(refused.Errors, e => e.Field == "key");
        await Assert.ThrowsAsync<InvalidInputException>(directory.GetAsync);
    }

    [Fact]
    public async Task A_region_lists_at_most_the_bounded_number_of_writers()
    {
        var directory = DirectoryOf(Cluster.NewService("fdir-full"));
        for (var i = 0; i < FenceDirectoryState.MaxWriters; i++)
        {
            await directory.AddWriterAsync($"w-{i:D4}");
        }

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => directory.AddWriterAsync("one-too-many"));

        Assert.Contains(refused.Errors, e => e.Field == "writer");
        var listed = await directory.GetAsync();
        Assert.Equal(FenceDirectoryState.MaxWriters, listed.Writers.Count);
        Assert.DoesNotContain("one-too-many", listed.Writers);

        // A known name is still accepted: adding it changes nothing.
        await directory.AddWriterAsync("w-0000");
        await directory.AddConsumerGroupAsync("orders");
        Assert.Equal(["orders"], (await directory.GetAsync()).ConsumerGroups);
    }

    [Fact]
    public async Task An_acquire_lists_its_writer_but_refused_input_lists_nothing()
    {
        var service = Cluster.NewService("fdir-lease");
        var lease = Lease(service, "indexer");

        // No active manifest yet, then a bad holder and a bad TTL: all refused before anything is recorded.
        await Assert.ThrowsAsync<ArmNotRegisteredException>(() => lease.AcquireAsync("indexer-pod-1", TimeSpan.FromMinutes(1)));
        await RegisterAsync(service, Region, "blue", TestManifests.Blue);
        await Assert.ThrowsAsync<InvalidInputException>(() => lease.AcquireAsync("", TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<InvalidInputException>(() => lease.AcquireAsync("indexer-pod-1", TimeSpan.Zero));
        Assert.Empty((await DirectoryOf(service).GetAsync()).Writers);
        Assert.Equal(0, (await lease.GetStatusAsync()).LatestFencingToken);

        var grant = await lease.AcquireAsync("indexer-pod-1", TimeSpan.FromMinutes(1));

        Assert.Equal(LeaseGrantStatus.Granted, grant.Status);
        Assert.Equal(["indexer"], (await DirectoryOf(service).GetAsync()).Writers);
    }

    [Fact]
    public async Task A_configure_lists_its_group_but_refused_input_lists_nothing()
    {
        var service = Cluster.NewService("fdir-group");
        var pointer = Pointer(service, "orders");

        await Assert.ThrowsAsync<InvalidInputException>(() => pointer.ConfigureAsync("cv-1", 0, "tester"));
        await Assert.ThrowsAsync<InvalidInputException>(() => pointer.ConfigureAsync("", 2, "tester"));
        Assert.Empty((await DirectoryOf(service).GetAsync()).ConsumerGroups);
        Assert.Null((await pointer.GetStatusAsync()).ActiveConsumerVer);

        await pointer.ConfigureAsync("cv-1", 2, "tester");

        Assert.Equal(["orders"], (await DirectoryOf(service).GetAsync()).ConsumerGroups);
    }
}
