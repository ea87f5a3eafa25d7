namespace Coordinator.ConsoleTests.Infrastructure;

/// <summary>Shared steps of the cluster tests: registering arms through the console.</summary>
[Collection(ClusterCollection.Name)]
public abstract class ClusterTestBase(ClusterFixture cluster)
{
    protected ClusterFixture Cluster { get; } = cluster;

    protected async Task RegisterAsync(string service, string region, string arm, Dictionary<string, object?> manifest)
    {
        var run = await Cluster.RunAsync("arms", "register", service, region, arm, Cluster.WriteFile(TestManifests.Json(manifest)), "--operator", "tester");
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    protected async Task RegisterBothAsync(string service, string region)
    {
        await RegisterAsync(service, region, "blue", TestManifests.Blue);
        await RegisterAsync(service, region, "green", TestManifests.Green);
    }
}
