using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Commands;

public sealed class ArgumentTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    [Fact]
    public async Task An_invalid_region_name_exits_2_naming_the_region_and_changes_nothing()
    {
        var service = Cluster.NewService("args");

        var flip = await Cluster.RunAsync("flip", service, "EU_West", "--to", "green", "--reason", "x");
        var register = await Cluster.RunAsync("arms", "register", service, "EU_West", "blue", Cluster.WriteFile(TestManifests.Json(TestManifests.Blue)));
        var status = await Cluster.RunAsync("status", service, "--regions", "eu-west,EU_West");

        foreach (var run in new[] { flip, register, status })
        {
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("EU_West", run.Errors);
            Assert.Contains("region", run.Errors);
        }

        Assert.Empty(await Cluster.Client.GetGrain<IServiceDirectoryGrain>(service).GetRegionsAsync());
    }

    [Fact]
    public async Task Every_bad_flip_argument_is_reported_at_once()
    {
        var run = await Cluster.RunAsync("flip", "rag-api", "eu-west", "--to", "purple", "--expected-epoch", "-1");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--to: 'purple' is not an arm", run.Errors);
        Assert.Contains("--reason: is required", run.Errors);
        Assert.Contains("--expected-epoch", run.Errors);
    }

    [Fact]
    public async Task An_unknown_option_exits_2()
    {
        var run = await Cluster.RunAsync("status", "rag-api", "--colour", "blue");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("colour", run.Errors);
    }

    [Fact]
    public async Task An_unknown_mode_exits_2()
    {
        var run = await Cluster.RunAsync("status", "rag-api", "--mode", "cloud");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--mode", run.Errors);
    }

    [Fact]
    public async Task Help_lists_the_exit_codes()
    {
        var run = await ConsoleRun.RunAsync(["--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("EXIT CODES", run.Output);
        Assert.Contains("audit chain verification failed", run.Output);
    }
}
