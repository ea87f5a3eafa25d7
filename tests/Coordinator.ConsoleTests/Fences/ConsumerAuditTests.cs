using System.Text.Json;
using Coordinator.Consumers;
using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.Domain;

namespace Coordinator.ConsoleTests.Fences;

/// <summary>`consumers audit` (and `audit --consumer-group`) show and verify a consumer pointer's keyed chain.</summary>
public sealed class ConsumerAuditTests(ClusterFixture cluster) : FenceTestBase(cluster)
{
    [Fact]
    public async Task Consumers_audit_verify_lists_the_groups_commands_and_verifies_with_the_key()
    {
        var service = Cluster.NewService("cons-audit");
        await ConfigureAsync(service, "orders", "cv-1", 2);
        var reset = await Cluster.RunAsync("consumers", "reset", service, Region, "orders", "--partition", "1", "--offset", "0", "--reason", "replay", "--operator", "dave");
        Assert.True(reset.ExitCode == 0, reset.ToString());
        var head = (await Pointer(service, "orders").VerifyAuditAsync()).HeadHash;

        var run = await Cluster.RunAsync("consumers", "audit", service, Region, "orders", "--verify");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("configure", run.Output);
        Assert.Contains("reset-offset", run.Output);
        Assert.Contains("dave", run.Output);
        Assert.Contains($"audit chain verified: 2 entries, head {head}", run.Output);
        Assert.Contains("2 keyed entries checked with the silo's audit key on the grain", run.Output);
    }

    [Fact]
    public async Task Audit_with_a_consumer_group_prints_the_chain_and_its_verdict_as_json()
    {
        var service = Cluster.NewService("cons-audit-json");
        await ConfigureAsync(service, "webhooks", "cv-1", 1);
        await Pointer(service, "webhooks").PauseAsync("cmp-3", "erin");

        var run = await Cluster.RunAsync("audit", service, Region, "--consumer-group", "webhooks", "--verify", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal(("consumer-pointer", "webhooks"), (root.GetProperty("chain").GetString(), root.GetProperty("consumer_group").GetString()));
        Assert.Equal(["configure", "pause"], root.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("command").GetString()));
        var verification = root.GetProperty("verification");
        Assert.True(verification.GetProperty("is_valid").GetBoolean());
        Assert.Equal(2, verification.GetProperty("keyed_entry_count").GetInt32());
    }

    [Fact]
    public async Task A_consumer_chain_rewritten_in_storage_with_its_head_fails_verify_with_exit_5()
    {
        var service = Cluster.NewService("cons-tamper");
        await ConfigureAsync(service, "orders", "cv-1", 1);
        var pointer = Pointer(service, "orders");
        await pointer.ResetOffsetAsync(0, 0, "dave", "replay");

        // Without the key: alter #2, recompute its public SHA-256, and rewrite the kept head.
        await SiloStorage.RewriteAsync<ConsumerPointerState>(Cluster, pointer, "consumers", state =>
        {
            var altered = state.Audit[1] with { Operator = "mallory" };
            altered = altered with { Hash = AuditChain.ComputeHash(altered) };
            return state with { Audit = state.Audit.SetItem(1, altered), AuditHead = altered.Hash };
        });

        // Any write now loses the ETag race, which makes the pointer re-read what storage holds.
        await pointer.HeartbeatAsync("pod-1", "cv-1", paused: false);
        var run = await Cluster.RunAsync("consumers", "audit", service, Region, "orders", "--verify");

        Assert.True(run.ExitCode == 5, run.ToString());
        Assert.Contains("audit chain verification FAILED", run.Errors);
        Assert.Contains("grain: entry #2 (reset-offset) does not match its keyed hash", run.Errors);
        Assert.DoesNotContain("local:", run.Errors);
    }

    [Fact]
    public async Task Consumers_audit_names_a_bad_group()
    {
        var run = await Cluster.RunAsync("consumers", "audit", Cluster.NewService("cons-audit-bad"), Region, "Orders_1");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("group", run.All);
    }
}
