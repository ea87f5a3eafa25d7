using System.Text.Json;
using Coordinator.Consumers;
using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.Fences;
using Coordinator.Switchover;

namespace Coordinator.ConsoleTests.Commands;

/// <summary>`audit adopt-key` pins a chain written before the audit key; before it, `--verify` fails and says so.</summary>
public sealed class AuditAdoptKeyTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.UtcNow.AddDays(-90);

    /// <summary>A pointer as a version without audit keys stored it: three unkeyed entries.</summary>
    private async Task<SwitchoverState> SeedUnkeyedPointerAsync(string service, string region)
    {
        var legacy = UnkeyedAudit.With(new SwitchoverState { ActiveArm = Arm.Blue }, LongAgo, keepCount: true, "register-arm", "register-arm", "flip");
        await SiloStorage.SeedAsync(Cluster, Cluster.Pointer(service, region), "switchover", legacy);
        return legacy;
    }

    [Fact]
    public async Task An_unkeyed_chain_fails_verify_with_the_command_to_adopt_the_key_and_verifies_after_it()
    {
        var service = Cluster.NewService("adopt");
        var legacy = await SeedUnkeyedPointerAsync(service, "eu-west");

        var before = await Cluster.RunAsync("audit", service, "eu-west", "--verify");
        Assert.True(before.ExitCode == 5, before.ToString());
        Assert.Contains("grain: the last 3 entries are unkeyed and no keyed entry follows them", before.Errors);
        Assert.Contains($"pin it with: audit adopt-key {service} eu-west --reason TEXT", before.Errors);

        var adopt = await Cluster.RunAsync("audit", "adopt-key", service, "eu-west", "--operator", "alice", "--reason", "written before the audit key");
        Assert.True(adopt.ExitCode == 0, adopt.ToString());
        Assert.Contains($"adopted the audit key for {service}/eu-west: entry #4 (adopt-key, alice) pins the 3 unkeyed entries before it", adopt.Output);
        Assert.Contains("audit chain verified: 4 entries", adopt.Output);

        var after = await Cluster.RunAsync("audit", service, "eu-west", "--verify");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("1 keyed entries checked with the silo's audit key on the grain; the first 3 entries are unkeyed", after.Output);
        var entry = (await Cluster.Pointer(service, "eu-west").GetAuditAsync())[^1];
        Assert.Equal((legacy.AuditHead, "alice"), (entry.PreviousHash, entry.Operator));
        Assert.Contains("reason=written before the audit key", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopting_the_key_for_a_keyed_chain_appends_nothing()
    {
        var service = Cluster.NewService("adopt-keyed");
        await RegisterBothAsync(service, "eu-west");

        var run = await Cluster.RunAsync("audit", "adopt-key", service, "eu-west", "--reason", "just in case", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        Assert.False(document.RootElement.GetProperty("appended").GetBoolean());
        Assert.True(document.RootElement.GetProperty("verification").GetProperty("is_valid").GetBoolean());
        Assert.Equal(2, (await Cluster.Pointer(service, "eu-west").GetAuditAsync()).Count);
    }

    [Fact]
    public async Task A_consumer_groups_chain_is_adopted_with_consumer_group()
    {
        var service = Cluster.NewService("adopt-cons");
        var pointer = Cluster.Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, "eu-west", "orders"));
        var legacy = UnkeyedAudit.With(new ConsumerPointerState { ActiveConsumerVer = "cv-1", Partitions = 1, Token = 1 }, LongAgo, keepCount: false, "configure", "pause");
        await SiloStorage.SeedAsync(Cluster, pointer, "consumers", legacy);

        var adopt = await Cluster.RunAsync("audit", "adopt-key", service, "eu-west", "--consumer-group", "orders", "--reason", "pre-key history");
        var verify = await Cluster.RunAsync("consumers", "audit", service, "eu-west", "orders", "--verify");

        Assert.True(adopt.ExitCode == 0, adopt.ToString());
        Assert.Contains("pins the 2 unkeyed entries before it", adopt.Output);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("audit chain verified: 3 entries", verify.Output);
    }

    [Fact]
    public async Task A_broken_unkeyed_chain_is_refused_and_nothing_is_appended()
    {
        var service = Cluster.NewService("adopt-broken");
        var legacy = UnkeyedAudit.With(new SwitchoverState(), LongAgo, keepCount: true, "register-arm", "flip");
        var broken = legacy with { Audit = legacy.Audit.SetItem(0, legacy.Audit[0] with { Operator = "mallory" }) };
        await SiloStorage.SeedAsync(Cluster, Cluster.Pointer(service, "eu-west"), "switchover", broken);

        var run = await Cluster.RunAsync("audit", "adopt-key", service, "eu-west", "--reason", "trust me");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("refused (Conflict)", run.Errors);
        Assert.Contains("does not verify even without the key", run.Errors);
        Assert.Equal(2, (await Cluster.Pointer(service, "eu-west").GetAuditAsync()).Count);
    }

    [Theory]
    [InlineData("--writer", "indexer", "--consumer-group", "orders", "--consumer-group")]
    [InlineData("--operator", "alice", "--json", null, "--reason")]
    public async Task Bad_adopt_key_arguments_are_named_and_nothing_is_sent(string option, string value, string other, string? otherValue, string field)
    {
        var service = Cluster.NewService("adopt-args");
        string[] args = ["audit", "adopt-key", service, "eu-west", option, value, other, .. otherValue is null ? Array.Empty<string>() : [otherValue]];
        if (field != "--reason")
        {
            args = [.. args, "--reason", "r"];
        }

        var run = await Cluster.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(field, run.All);
        Assert.Empty(await Cluster.Pointer(service, "eu-west").GetAuditAsync());
    }
}
