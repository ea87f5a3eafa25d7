using Coordinator.Console.Commands.Demo;
using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Demo;

/// <summary>The demo starts its own silo, so it needs no fixture.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_completes()
    {
        var run = await ConsoleRun.RunAsync(["demo"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(DemoCommand.Banner, run.Output);
    }
}
