using System.Text.RegularExpressions;
using Coordinator.Client.Fences;
using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Fences;

public sealed class LeasesTests(ClusterFixture cluster) : FenceTestBase(cluster)
{
    [Fact]
    public async Task Leases_lists_every_writer_of_the_region_with_holder_token_epoch_index_hash_and_expiry()
    {
        var service = Cluster.NewService("leases");
        await RegisterBothAsync(service, Region);
        var flip = await Cluster.RunAsync("flip", service, Region, "--to", "green", "--reason", "wave 1");
        Assert.True(flip.ExitCode == 0, flip.ToString());

        await using var writer = new FencedWriter(Cluster.Client, service, Region, "indexer",
            new FencedWriterOptions { HolderId = "indexer-pod-1", Ttl = TimeSpan.FromMinutes(5) });
        await writer.StartAsync();
        Assert.Equal(FencedWriterState.Holding, writer.State);

        // A second writer whose lease changed hands once: its holder carries fencing token 2.
        var etl = Lease(service, "etl");
        var first = await etl.AcquireAsync("etl-1", TimeSpan.FromMinutes(5));
        await etl.ReleaseAsync(first.Token!);
        var second = await etl.AcquireAsync("etl-2", TimeSpan.FromMinutes(5));
        Assert.Equal(2, second.Token!.FencingToken);

        var run = await Cluster.RunAsync("leases", service, Region);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{service}/{Region}: writer leases", run.Output);

        // Writer │ Holder │ Token │ Epoch │ INDEX_HASH │ Expires │ Latest │ Frozen by │ Pinned │ Grants │ Rejections
        Assert.Matches(new Regex(@"indexer\s*│\s*indexer-pod-1\s*│\s*1\s*│\s*1\s*│\s*idx-green-0002\s*│\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(in \d+s\)\s*│\s*1\s*│\s*-\s*│\s*-\s*│\s*1\s*│\s*0\s*│"), run.Output);
        Assert.Matches(new Regex(@"etl\s*│\s*etl-2\s*│\s*2\s*│\s*1\s*│\s*idx-green-0002\s*│.*│\s*2\s*│\s*-\s*│\s*-\s*│\s*2\s*│\s*0\s*│"), run.Output);
        Assert.True(run.Output.IndexOf("│ etl ", StringComparison.Ordinal) < run.Output.IndexOf("│ indexer ", StringComparison.Ordinal), "writers are listed in ordinal order");
    }

    [Fact]
    public async Task Writers_restricts_the_table_and_names_a_writer_that_never_acquired()
    {
        var service = Cluster.NewService("leases-some");
        await RegisterAsync(service, Region, "blue", TestManifests.Blue);
        await Lease(service, "indexer").AcquireAsync("indexer-pod-1", TimeSpan.FromMinutes(5));
        await Lease(service, "etl").AcquireAsync("etl-pod-1", TimeSpan.FromMinutes(5));

        var run = await Cluster.RunAsync("leases", service, Region, "--writers", "etl,ghost");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(new Regex(@"etl\s*│\s*etl-pod-1\s*│\s*1\s*│\s*0\s*│\s*idx-blue-0001\s*│"), run.Output);
        Assert.Matches(new Regex(@"ghost\s*│\s*\(never acquired\)\s*│\s*-\s*│"), run.Output);
        Assert.DoesNotContain("indexer", run.Output);
    }

    [Fact]
    public async Task A_frozen_writer_shows_the_campaign_and_after_unfreeze_the_pinned_index_hash()
    {
        var service = Cluster.NewService("leases-frozen");
        await RegisterAsync(service, Region, "blue", TestManifests.Blue);
        var lease = Lease(service, "indexer");
        await lease.AcquireAsync("indexer-pod-1", TimeSpan.FromMinutes(5));
        await lease.FreezeAsync("camp-7", "alice");

        var frozen = await Cluster.RunAsync("leases", service, Region);

        Assert.True(frozen.ExitCode == 0, frozen.ToString());
        Assert.Matches(new Regex(@"indexer\s*│\s*\(not held\)\s*│\s*-\s*│\s*-\s*│\s*-\s*│\s*-\s*│\s*1\s*│\s*camp-7\s*│\s*-\s*│\s*1\s*│"), frozen.Output);

        await lease.UnfreezeAsync("camp-7", "idx-rebuilt-0003", "alice");
        var grant = await lease.AcquireAsync("indexer-pod-2", TimeSpan.FromMinutes(5));
        var unfrozen = await Cluster.RunAsync("leases", service, Region);

        Assert.True(unfrozen.ExitCode == 0, unfrozen.ToString());
        Assert.Equal(2, grant.Token!.FencingToken);
        Assert.Matches(new Regex(@"indexer\s*│\s*indexer-pod-2\s*│\s*2\s*│\s*0\s*│\s*idx-rebuilt-0003\s*│.*│\s*2\s*│\s*-\s*│\s*idx-rebuilt-0003\s*│\s*2\s*│"), unfrozen.Output);
    }

    [Fact]
    public async Task A_region_without_writers_says_so()
    {
        var run = await Cluster.RunAsync("leases", Cluster.NewService("leases-none"), Region);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("no writers known", run.Output);
    }
}
