using System.Text.Json;
using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Commands;

public sealed class AuditTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    [Fact]
    public async Task Audit_verify_lists_every_entry_and_reports_the_verified_head()
    {
        var service = Cluster.NewService("audit");
        await RegisterBothAsync(service, "ap-south");
        var flip = await Cluster.RunAsync("flip", service, "ap-south", "--to", "green", "--reason", "wave 3", "--operator", "carol");
        Assert.True(flip.ExitCode == 0, flip.ToString());
        var head = (await Cluster.Pointer(service, "ap-south").VerifyAuditAsync()).HeadHash;

        var run = await Cluster.RunAsync("audit", service, "ap-south", "--verify");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"audit chain verified: 3 entries, head {head}", run.Output);
        Assert.Contains("register-arm", run.Output);
        Assert.Contains("carol", run.Output);
        Assert.Contains(head[..12], run.Output);
    }

    [Fact]
    public async Task Audit_without_verify_prints_the_entries_but_no_verdict()
    {
        var service = Cluster.NewService("audit-plain");
        await RegisterAsync(service, "eu-west", "blue", TestManifests.Blue);

        var run = await Cluster.RunAsync("audit", service, "eu-west");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("register-arm", run.Output);
        Assert.DoesNotContain("verified", run.Output);
    }

    [Fact]
    public async Task Audit_json_lists_every_entry_with_its_command_and_the_verdict()
    {
        var service = Cluster.NewService("audit-json");
        await RegisterBothAsync(service, "us-east");
        var flip = await Cluster.RunAsync("flip", service, "us-east", "--to", "green", "--reason", "wave 2", "--operator", "dave");
        Assert.True(flip.ExitCode == 0, flip.ToString());
        var head = (await Cluster.Pointer(service, "us-east").VerifyAuditAsync()).HeadHash;

        var run = await Cluster.RunAsync("audit", service, "us-east", "--verify", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal(["register-arm", "register-arm", "flip"], root.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("command").GetString()));
        Assert.StartsWith("to=green;", root.GetProperty("entries")[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        var verification = root.GetProperty("verification");
        Assert.True(verification.GetProperty("is_valid").GetBoolean());
        Assert.Equal(3, verification.GetProperty("entry_count").GetInt32());
        Assert.Equal(head, verification.GetProperty("head_hash").GetString());
    }

    [Fact]
    public async Task Audit_json_without_verify_has_a_null_verification()
    {
        var service = Cluster.NewService("audit-json-plain");
        await RegisterAsync(service, "eu-west", "blue", TestManifests.Blue);

        var run = await Cluster.RunAsync("audit", service, "eu-west", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Output);
        Assert.Single(document.RootElement.GetProperty("entries").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("verification").ValueKind);
    }
}
