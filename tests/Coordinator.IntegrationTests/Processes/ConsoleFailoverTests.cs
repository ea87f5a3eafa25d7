using System.Text.RegularExpressions;
using Coordinator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Processes;

/// <summary>A console command run right after a SIGKILL of one of three silos still answers.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class ConsoleFailoverTests(SiloProcessTrio trio, ITestOutputHelper output) : IClassFixture<SiloProcessTrio>
{
    // A correctness bound (the console must not fail), not a speed measurement: see the failover benchmark.
    private static readonly TimeSpan ConsoleDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Status_right_after_a_silo_is_killed_succeeds_through_a_live_gateway()
    {
        ChildProcess? console = null;
        try
        {
            await trio.DumpingOutputOnFailureAsync(
                output,
                async () =>
                {
                    var service = TestIds.New("svc");
                    const string region = "eu-west";
                    var pointer = trio.Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));
                    await Samples.RegisterBothAsync(pointer);
                    const long epoch = 3;
                    await Samples.FlipToEpochAsync(pointer, epoch);

                    // The region's own host dies: the console's gateway list still names it (the table says
                    // Active until the survivors vote), and the region's grain must move before it answers.
                    var host = await trio.Management.GetActivationAddress(pointer);
                    Assert.NotNull(host);
                    await trio.KillAsync(host.Endpoint.Port);

                    var options = trio.ClientOptions;
                    console = ChildProcess.StartDotnet(
                        "console",
                        RepoLayout.RequireBuilt(RepoLayout.ConsoleDll),
                        [
                            "status", service, "--regions", region,
                            "--mode", options.StorageMode,
                            "--connection-string", options.AzureStorageConnectionString!,
                            "--cluster-id", options.ClusterId,
                            "--service-id", options.ServiceId,
                        ]);
                    var exitCode = await console.WaitForExitAsync(ConsoleDeadline);

                    Assert.True(exitCode == 0, $"status exited {exitCode}:{Environment.NewLine}{console.Output}");
                    Assert.Contains(region, console.Output, StringComparison.Ordinal);
                    Assert.Matches(new Regex($@"\b{epoch}\b"), console.Output);
                },
                () => console is null ? [] : [console]);
        }
        finally
        {
            if (console is not null)
            {
                await console.DisposeAsync();
            }
        }
    }
}
