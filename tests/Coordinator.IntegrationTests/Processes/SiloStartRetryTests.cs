using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Coordinator.Hosting;

namespace Coordinator.IntegrationTests.Processes;

/// <summary>A silo whose port another process took first starts again on fresh ports; a restart keeps its own.</summary>
public sealed class SiloStartRetryTests
{
    // Lines the silo printed when its HTTP, then its silo port, was taken (exit 134).
    private const string HttpPortTaken = """
        fail: Microsoft.Extensions.Hosting.Internal.Host[11]
              System.IO.IOException: Failed to bind to address http://127.0.0.1:54785: address already in use.
               ---> Microsoft.AspNetCore.Connections.AddressInUseException: Address already in use
        """;

    private const string SiloPortTaken = """
              Microsoft.AspNetCore.Connections.AddressInUseException: Address already in use
               ---> System.Net.Sockets.SocketException (98): Address already in use
        """;

    private const string BadSetting = "Coordinator:AzureStorageConnectionString: required in azure mode";

    private static readonly SiloStartRetry Policy = new(MaxAttempts: 3);

    [Fact]
    public void A_taken_port_is_told_from_other_failures()
    {
        Assert.True(SiloStartRetry.IsPortClash(HttpPortTaken));
        Assert.True(SiloStartRetry.IsPortClash(SiloPortTaken));
        Assert.False(SiloStartRetry.IsPortClash(BadSetting));
        Assert.False(SiloStartRetry.IsPortClash(string.Empty));
    }

    [Fact]
    public void Only_a_first_start_that_exited_on_a_taken_port_tries_again_and_only_so_often()
    {
        Assert.True(Policy.RetriesOnFreshPorts(attempt: 1, firstStart: true, HttpPortTaken));
        Assert.True(Policy.RetriesOnFreshPorts(attempt: 2, firstStart: true, SiloPortTaken));
        Assert.False(Policy.RetriesOnFreshPorts(attempt: 3, firstStart: true, SiloPortTaken));

        // A killed silo comes back on its own ports or not at all.
        Assert.False(Policy.RetriesOnFreshPorts(attempt: 1, firstStart: false, HttpPortTaken));

        // Still running (not ready yet, or hung): not a clash; exited for another reason: not a clash.
        Assert.False(Policy.RetriesOnFreshPorts(attempt: 1, firstStart: true, exitedOutput: null));
        Assert.False(Policy.RetriesOnFreshPorts(attempt: 1, firstStart: true, BadSetting));
    }

    [Fact]
    public async Task A_silo_whose_http_port_was_taken_exits_and_starts_again_on_fresh_ports()
    {
        var dll = RepoLayout.RequireBuilt(RepoLayout.SiloDll);
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var first = SiloPorts.Fresh() with { Http = taken };
        var started = new List<ChildProcess>();
        var retired = new List<string>();
        try
        {
            // Embedded mode: one silo on its own, no storage needed.
            var silo = await Policy.StartAsync(
                first,
                (ports, attempt) =>
                {
                    var process = ChildProcess.StartDotnet($"silo-try{attempt}", dll, Arguments(ports));
                    started.Add(process);
                    return (Process: process, Ports: ports);
                },
                s => s.Process,
                s => SiloProcessCluster.WaitUntilReadyAsync(s.Process, s.Ports),
                (_, why) => retired.Add(why));

            Assert.Equal(2, started.Count);
            Assert.True(started[0].HasExited, "the first start should have exited on the taken port");
            Assert.True(SiloStartRetry.IsPortClash(started[0].Output), started[0].Describe());
            Assert.Contains($"http {taken}", Assert.Single(retired));
            Assert.NotEqual(taken, silo.Ports.Http);
            Assert.False(silo.Process.HasExited);
        }
        finally
        {
            foreach (var process in started)
            {
                await process.DisposeAsync();
            }
        }
    }

    private static string[] Arguments(SiloPorts ports)
    {
        const string s = "--" + CoordinatorSiloOptions.Section + ":";
        return
        [
            s + nameof(CoordinatorSiloOptions.AdvertisedIPAddress), "127.0.0.1",
            s + nameof(CoordinatorSiloOptions.SiloPort), ports.Silo.ToString(CultureInfo.InvariantCulture),
            s + nameof(CoordinatorSiloOptions.GatewayPort), ports.Gateway.ToString(CultureInfo.InvariantCulture),
            s + nameof(CoordinatorSiloOptions.HttpPort), ports.Http.ToString(CultureInfo.InvariantCulture),
        ];
    }
}
