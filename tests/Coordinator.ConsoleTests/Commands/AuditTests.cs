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
}
