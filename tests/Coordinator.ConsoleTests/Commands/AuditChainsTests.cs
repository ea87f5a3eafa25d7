using System.Text.Json;
using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.Fences;

namespace Coordinator.ConsoleTests.Commands;

/// <summary>`audit` reads and verifies the lease and campaign chains too, and says where the keyed check ran.</summary>
public sealed class AuditChainsTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    [Fact]
    public async Task Verify_says_the_keyed_hashes_were_checked_on_the_grain()
    {
        var service = Cluster.NewService("audit-keyed");
        await RegisterBothAsync(service, "eu-west");

        var run = await Cluster.RunAsync("audit", service, "eu-west", "--verify");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2 keyed entries checked with the silo's audit key on the grain; links, sequence and unkeyed hashes re-checked here", run.Output);
    }

    [Fact]
    public async Task A_writers_lease_chain_lists_its_grant_and_freeze_with_their_operators_and_verifies()
    {
        var service = Cluster.NewService("audit-lease");
        await RegisterBothAsync(service, "eu-west");
        var lease = Cluster.Client.GetGrain<ILeaseGrain>(FenceKey.Format(service, "eu-west", "indexer"));
        await lease.AcquireAsync("indexer-7", TimeSpan.FromMinutes(1));
        await lease.FreezeAsync("cmp-9", "erin");

        var run = await Cluster.RunAsync("audit", service, "eu-west", "--writer", "indexer", "--verify", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal("lease", root.GetProperty("chain").GetString());
        var entries = root.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["grant", "freeze"], entries.Select(e => e.GetProperty("command").GetString()));
        Assert.Equal(["indexer-7", "erin"], entries.Select(e => e.GetProperty("operator").GetString()));
        var verification = root.GetProperty("verification");
        Assert.True(verification.GetProperty("is_valid").GetBoolean());
        Assert.True(verification.GetProperty("key_checked").GetBoolean());
        Assert.Equal(2, verification.GetProperty("keyed_entry_count").GetInt32());
    }

    [Fact]
    public async Task The_services_campaign_chain_lists_start_and_abort_with_their_operators_and_verifies()
    {
        var service = Cluster.NewService("audit-cmp");
        await RegisterBothAsync(service, "eu-west");
        var spec = Cluster.WriteFile(TestCampaigns.Spec(service, "first", "eu-west").ToJsonString());
        Assert.Equal(0, (await Cluster.RunAsync("campaign", "start", spec)).ExitCode);
        var abort = await Cluster.RunAsync("campaign", "abort", service, "first", "--reason", "changed our minds", "--operator", "frank");
        Assert.True(abort.ExitCode == 0, abort.ToString());

        var run = await Cluster.RunAsync("audit", service, "--campaigns", "--verify");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("campaign-start", run.Output);
        Assert.Contains("campaign-abort", run.Output);
        Assert.Contains("frank", run.Output);
        Assert.Contains("audit chain verified: 2 entries", run.Output);
    }

    [Theory]
    [InlineData("--campaigns", "eu-west")]
    [InlineData("--writer", "indexer")]
    public async Task A_region_is_required_for_a_regions_chains_and_refused_for_the_campaigns(string option, string value)
    {
        var service = Cluster.NewService("audit-args");
        var run = option == "--campaigns"
            ? await Cluster.RunAsync("audit", service, value, option)
            : await Cluster.RunAsync("audit", service, option, value);

        Assert.True(run.ExitCode == 2, run.ToString());
    }
}
