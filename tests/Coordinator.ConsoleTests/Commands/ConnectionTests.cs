using System.Globalization;
using Coordinator.Client.Connection;
using Coordinator.Console.App;
using Coordinator.Console.Connection;
using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.Hosting;

namespace Coordinator.ConsoleTests.Commands;

public sealed class ConnectionTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    [Fact]
    public async Task No_silo_on_the_gateway_port_exits_4_and_says_what_was_tried()
    {
        var unused = UnusedPort();

        var run = await ConsoleRun.RunAsync(["status", "rag-api", "--gateway-port", unused, "--cluster-id", "nowhere"]);

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains($"127.0.0.1:{unused}", run.Errors);
        Assert.Contains("mode embedded", run.Errors);
        Assert.Contains("'nowhere'", run.Errors);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Fact]
    public async Task Environment_variables_supply_the_connection_when_no_flag_is_given()
    {
        var run = await ConsoleRun.RunAsync(["status", Cluster.NewService("env")], Environment(Port(Cluster.GatewayPort)));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("no regions known", run.Output);
    }

    [Fact]
    public async Task A_flag_wins_over_its_environment_variable()
    {
        var service = Cluster.NewService("flagwins");
        var unused = UnusedPort();

        var flagToSilo = await ConsoleRun.RunAsync(["status", service, "--gateway-port", Port(Cluster.GatewayPort)], Environment(unused));
        var flagToNothing = await ConsoleRun.RunAsync(["status", service, "--gateway-port", unused], Environment(Port(Cluster.GatewayPort)));

        Assert.True(flagToSilo.ExitCode == 0, flagToSilo.ToString());
        Assert.True(flagToNothing.ExitCode == 4, flagToNothing.ToString());
    }

    [Fact]
    public async Task A_non_numeric_port_in_the_environment_exits_2_naming_the_variable()
    {
        var env = ConsoleEnvironment.From(new Dictionary<string, string> { [ConnectionResolver.GatewayPortVariable] = "thirty-thousand" });

        var run = await ConsoleRun.RunAsync(["status", "rag-api"], env);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(ConnectionResolver.GatewayPortVariable, run.Errors);
    }

    private static ConsoleEnvironment Environment(string gatewayPort) => ConsoleEnvironment.From(new Dictionary<string, string>
    {
        [ConnectionResolver.ModeVariable] = "embedded",
        [ConnectionResolver.GatewayPortVariable] = gatewayPort,
        [ConnectionResolver.ClusterIdVariable] = ClusterFixture.ClusterId,
        [ConnectionResolver.ServiceIdVariable] = ClusterFixture.ServiceId,
    });

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string UnusedPort() => Port(FreePorts.Take(1)[0]);
}
