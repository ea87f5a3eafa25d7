using System.Text.Json;
using System.Text.RegularExpressions;
using Coordinator.Client.Fences;
using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.Fences;

namespace Coordinator.ConsoleTests.Fences;

public sealed class ConsumersTests(ClusterFixture cluster) : FenceTestBase(cluster)
{
    [Fact]
    public async Task Consumers_shows_offsets_counters_and_the_live_instance_after_commits_through_FencedConsumer()
    {
        var service = Cluster.NewService("consumers");
        var configure = await Cluster.RunAsync("consumers", "configure", service, Region, "orders", "--consumer-ver", "cv-1", "--partitions", "3");
        Assert.True(configure.ExitCode == 0, configure.ToString());
        Assert.Contains($"configured {service}/{Region}/orders: CONSUMER_VER cv-1, 3 partitions, token 1", configure.Output);

        var consumer = new FencedConsumer(Cluster.Client, service, Region, "orders", "cv-1", "orders-pod-1");
        Assert.Equal(ConsumerDirectiveKind.Consume, (await consumer.HeartbeatAsync()).Kind);
        var h1 = IdempotencyKeys.PayloadHash("doc-1");
        Assert.Equal(CommitOutcome.Accepted, (await consumer.CommitAsync(0, 12, "k-1", h1)).Outcome);
        Assert.Equal(CommitOutcome.Accepted, (await consumer.CommitAsync(2, 40, "k-2", IdempotencyKeys.PayloadHash("doc-2"))).Outcome);
        Assert.Equal(CommitOutcome.Duplicate, (await consumer.CommitAsync(0, 12, "k-1", h1)).Outcome);
        Assert.Equal(CommitOutcome.Conflict, (await consumer.CommitAsync(0, 13, "k-1", IdempotencyKeys.PayloadHash("other"))).Outcome);
        var zombie = await Pointer(service, "orders").CommitAsync(new CommitRequest
        {
            Partition = 1, Offset = 99, IdempotencyKey = "k-3", PayloadHash = h1, Token = 0, ConsumerVer = "cv-1",
        });
        Assert.Equal(CommitOutcome.Fenced, zombie.Outcome);

        var run = await Cluster.RunAsync("consumers", service, Region);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{service}/{Region} consumer group orders", run.Output);
        Assert.Matches(new Regex(@"CONSUMER_VER\s+cv-1\b"), run.Output);
        Assert.Matches(new Regex(@"mode\s+Consuming\b"), run.Output);
        Assert.Matches(new Regex(@"token\s+1\b"), run.Output);
        Assert.Matches(new Regex(@"current move\s+-"), run.Output);

        // Accepted │ Dedupe hits │ Fenced │ Conflicts │ Ledger keys │ Evictions
        Assert.Matches(new Regex(@"│\s*2\s*│\s*1\s*│\s*1\s*│\s*1\s*│\s*2\s*│\s*0\s*│"), run.Output);
        Assert.Matches(new Regex(@"│\s*0\s*│\s*12\s*│"), run.Output);
        Assert.Matches(new Regex(@"│\s*1\s*│\s*0\s*│"), run.Output);
        Assert.Matches(new Regex(@"│\s*2\s*│\s*40\s*│"), run.Output);
        Assert.Matches(new Regex(@"orders-pod-1\s*│\s*cv-1\s*│\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(\d+s ago\)\s*│\s*no\s*│"), run.Output);
    }

    [Fact]
    public async Task Consumers_lists_every_configured_group_from_the_directory_unless_groups_are_named()
    {
        var service = Cluster.NewService("groups");
        await ConfigureAsync(service, "webhooks", "hooks-7", 1);
        await ConfigureAsync(service, "orders", "cv-1", 2);

        var all = await Cluster.RunAsync("consumers", service, Region);
        var one = await Cluster.RunAsync("consumers", service, Region, "--groups", "webhooks");
        var unknown = await Cluster.RunAsync("consumers", service, Region, "--groups", "ghost");

        Assert.True(all.ExitCode == 0, all.ToString());
        var orders = all.Output.IndexOf("consumer group orders", StringComparison.Ordinal);
        var webhooks = all.Output.IndexOf("consumer group webhooks", StringComparison.Ordinal);
        Assert.True(orders >= 0 && webhooks > orders, all.ToString());
        Assert.Contains("hooks-7", all.Output);
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains("consumer group webhooks", one.Output);
        Assert.DoesNotContain("consumer group orders", one.Output);
        Assert.True(unknown.ExitCode == 0, unknown.ToString());
        Assert.Contains("(not configured)", unknown.Output);
        Assert.Equal(["orders", "webhooks"], (await DirectoryOf(service).GetAsync()).ConsumerGroups);
    }

    [Fact]
    public async Task A_region_without_consumer_groups_says_so()
    {
        var run = await Cluster.RunAsync("consumers", Cluster.NewService("groups-none"), Region);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("no consumer groups known", run.Output);
    }

    [Fact]
    public async Task Configuring_another_version_over_a_configured_pointer_is_refused_and_changes_nothing()
    {
        var service = Cluster.NewService("reconf");
        await ConfigureAsync(service, "orders", "cv-1", 2);

        var run = await Cluster.RunAsync("consumers", "configure", service, Region, "orders", "--consumer-ver", "cv-2", "--partitions", "2");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("consumer_ver", run.Errors);
        Assert.Contains("change it with a move", run.Errors);
        Assert.Equal("cv-1", (await Pointer(service, "orders").GetStatusAsync()).ActiveConsumerVer);
    }

    [Fact]
    public async Task The_ledger_policy_is_set_by_configure_shown_by_consumers_and_a_bad_one_is_refused()
    {
        var service = Cluster.NewService("policy");
        await ConfigureAsync(service, "orders", "cv-1", 2);
        var shown = await Cluster.RunAsync("consumers", service, Region);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Matches(new Regex(@"ledger policy\s+fail-closed \(0 commits refused as ledger-full\)"), shown.Output);

        var open = await Cluster.RunAsync("consumers", "configure", service, Region, "orders", "--consumer-ver", "cv-1", "--partitions", "2", "--ledger-policy", "fail-open");
        Assert.True(open.ExitCode == 0, open.ToString());
        Assert.Contains("ledger fail-open", open.Output);
        Assert.Equal(LedgerPolicy.FailOpen, (await Pointer(service, "orders").GetStatusAsync()).LedgerPolicy);
        Assert.Matches(new Regex(@"ledger policy\s+fail-open"), (await Cluster.RunAsync("consumers", service, Region)).Output);

        var bad = await Cluster.RunAsync("consumers", "configure", service, Region, "orders", "--consumer-ver", "cv-1", "--partitions", "2", "--ledger-policy", "sometimes");
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("--ledger-policy", bad.Errors);
        Assert.Equal(LedgerPolicy.FailOpen, (await Pointer(service, "orders").GetStatusAsync()).LedgerPolicy);
    }

    [Fact]
    public async Task Consumers_json_prints_each_group_with_its_version_token_and_last_state_and_an_empty_region_as_no_groups()
    {
        var service = Cluster.NewService("consumers-json");
        await ConfigureAsync(service, "orders", "cv-1", 2);
        Assert.Equal(CommitOutcome.Accepted, (await CommitAsync(service, "orders", "cv-1", 1, 9, "k-1")).Outcome);
        var move = await Cluster.RunAsync("consumers", "move", service, Region, "orders", "--to", "cv-2", "--reason", "green consumers", "--drain-timeout", "5s");
        Assert.True(move.ExitCode == 0, move.ToString());

        var run = await Cluster.RunAsync("consumers", service, Region, "--groups", "orders,ghost", "--json");
        var empty = await Cluster.RunAsync("consumers", Cluster.NewService("consumers-json-none"), Region, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(service, json.RootElement.GetProperty("service").GetString());
        Assert.Equal(Region, json.RootElement.GetProperty("region").GetString());
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["orders", "ghost"], groups.Select(g => g.GetProperty("group").GetString()));
        var orders = groups[0];
        Assert.Equal("cv-2", orders.GetProperty("active_consumer_ver").GetString());
        Assert.Equal(2, orders.GetProperty("token").GetInt64());
        Assert.Equal("consuming", orders.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, orders.GetProperty("current_move").ValueKind);
        Assert.Equal(9, orders.GetProperty("offsets").GetProperty("1").GetInt64());
        Assert.Equal(1, orders.GetProperty("counters").GetProperty("side_effects_accepted").GetInt64());
        Assert.Equal(JsonValueKind.Null, groups[1].GetProperty("active_consumer_ver").ValueKind);
        Assert.True(empty.ExitCode == 0, empty.ToString());
        using var none = JsonDocument.Parse(empty.Output);
        Assert.Equal(0, none.RootElement.GetProperty("groups").GetArrayLength());
    }
}
