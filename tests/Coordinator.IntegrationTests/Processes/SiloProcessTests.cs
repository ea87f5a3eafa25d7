using System.Text.RegularExpressions;
using Coordinator.IntegrationTests.Infrastructure;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Coordinator.IntegrationTests.Processes;

/// <summary>The deployable silo, run as two real processes in azure mode, forms one working cluster.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", Azurite.Category)]
public sealed class SiloProcessTests(SiloProcessPair pair, ITestOutputHelper output) : IClassFixture<SiloProcessPair>
{
    private static readonly TimeSpan ConsoleDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public Task Two_silo_processes_are_active_members_and_serve_a_client() => pair.DumpingOutputOnFailureAsync(output, async () =>
    {
        var members = await pair.ActiveMembersAsync();
        Assert.Equal(pair.Ports.Select(p => $"{p.Silo} {SiloStatus.Active}").Order(), members);

        var service = TestIds.New("svc");
        var pointer = pair.Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, "eu-west"));
        await Samples.RegisterBothAsync(pointer);
        var flipped = await pointer.FlipAsync(Samples.Flip(Arm.Green, expectedEpoch: 0));
        Assert.Equal(1, flipped.Epoch);

        var view = await pointer.GetActiveArmAsync();
        Assert.Equal(Arm.Green, view.ActiveArm);
        Assert.Equal(Samples.Green, view.ActiveManifest);

        // The answer came from one of the two silo processes.
        var host = await pair.Management.GetActivationAddress(pointer);
        Assert.NotNull(host);
        Assert.Contains(host.Endpoint.Port, pair.Ports.Select(p => p.Silo));
    });

    [Fact]
    public async Task Console_status_shows_the_region_and_its_epoch()
    {
        ChildProcess? console = null;
        try
        {
            await pair.DumpingOutputOnFailureAsync(
                output,
                async () =>
                {
                    var service = TestIds.New("svc");
                    const string region = "eu-west";
                    var pointer = pair.Client.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));
                    await Samples.RegisterBothAsync(pointer);

                    // Flip back and forth to an epoch that is unlikely to appear in the output by accident.
                    const long epoch = 7;
                    await Samples.FlipToEpochAsync(pointer, epoch);

                    var options = pair.ClientOptions;
                    string[] arguments =
                    [
                        "status", service, "--regions", region,
                        "--mode", options.StorageMode,
                        "--connection-string", options.AzureStorageConnectionString!,
                        "--cluster-id", options.ClusterId,
                        "--service-id", options.ServiceId,
                    ];
                    console = ChildProcess.StartDotnet("console", RepoLayout.RequireBuilt(RepoLayout.ConsoleDll), arguments);
                    var exitCode = await console.WaitForExitAsync(ConsoleDeadline);

                    Assert.Equal(0, exitCode);
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
