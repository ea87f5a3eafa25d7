using Coordinator.Console.Commands.Demo;
using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Demo;

/// <summary>The demo starts its own silo, so it needs no fixture.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_runs_to_exit_0_and_shows_the_flip_the_status_and_a_verified_chain()
    {
        var run = await ConsoleRun.RunAsync(["demo"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(DemoCommand.Banner, run.Output);
        Assert.Contains("flipped rag-api/eu-west: blue → green, epoch 0 → 1", run.Output);
        Assert.Contains("resolver cache key before: rag-api/eu-west/e0/", run.Output);
        Assert.Contains("resolver cache key after:  rag-api/eu-west/e1/", run.Output);
        foreach (var region in new[] { "eu-west", "us-east", "ap-south" })
        {
            Assert.Contains(region, run.Output);
        }

        Assert.Contains("audit chain verified: 3 entries", run.Output);
    }
}
