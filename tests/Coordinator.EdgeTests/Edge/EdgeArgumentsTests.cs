using Coordinator.Client.Connection;
using Coordinator.Edge;
using Coordinator.Edge.Hosting;

namespace Coordinator.EdgeTests.Edge;

/// <summary>The edge's command line: every bad setting named, exit 2, nothing started; connection settings as the console's.</summary>
[Collection(EdgeCollection.Name)]
public sealed class EdgeArgumentsTests(EdgeFixture fixture)
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Missing_required_settings_are_each_named()
    {
        var (launch, errors) = EdgeArguments.Prepare([], NoEnvironment);

        Assert.Null(launch);
        Assert.Equal(["--listen", "--region", "--service"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Every_bad_value_is_named_at_once()
    {
        string[] args =
        [
            "--service", "Rag_API", "--region", "eu-west", "--listen", "localhost-8081", "--path-prefix", "rag-api/",
            "--gateway-port", "70000", "--mode", "cloud", "--frobnicate", "x", "--region", "us-east",
        ];

        var (launch, errors) = EdgeArguments.Prepare(args, NoEnvironment);

        Assert.Null(launch);
        var fields = errors.Select(e => e.Field).ToList();
        foreach (var field in new[] { "--service", "--listen", "--path-prefix", "--gateway-port", "--mode", "--frobnicate", "--region" })
        {
            Assert.Contains(field, fields);
        }

        Assert.Contains(errors, e => e.Field == "--region" && e.Reason.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_connection_variable_is_named_with_its_variable()
    {
        var env = Environment(new() { [ConnectionResolver.GatewayPortVariable] = "thirty-thousand" });

        var (launch, errors) = EdgeArguments.Prepare(Valid(), env);

        Assert.Null(launch);
        Assert.Contains(errors, e => e.Field.Contains(ConnectionResolver.GatewayPortVariable, StringComparison.Ordinal));
    }

    [Fact]
    public void Connection_settings_resolve_flag_then_variable_then_default_as_the_console_does()
    {
        var env = Environment(new() { [ConnectionResolver.GatewayPortVariable] = "31234", [ConnectionResolver.ClusterIdVariable] = "from-env" });

        var (launch, errors) = EdgeArguments.Prepare([.. Valid(), "--cluster-id", "from-flag", "--host", "rag.example.com", "--host", "*.rag.example.com"], env);

        Assert.Empty(errors);
        Assert.NotNull(launch);
        Assert.Equal(("embedded", "from-flag", "coordinator", 31234), (launch.Connection.StorageMode, launch.Connection.ClusterId, launch.Connection.ServiceId, launch.Connection.GatewayPort));
        var service = Assert.Single(launch.Options.Services);
        Assert.Equal(("rag-api", "/rag-api"), (service.Service, service.PathPrefix));
        Assert.Equal(["rag.example.com", "*.rag.example.com"], service.HostNames);
        Assert.Equal("127.0.0.1:8081", launch.Options.Listen.ToString());
    }

    [Fact]
    public async Task The_process_exits_2_on_bad_settings_without_connecting()
    {
        var exit = await EdgeProgram.RunAsync(["--service", "rag-api", "--region", "EU", "--listen", "127.0.0.1:8081"], NoEnvironment);

        Assert.Equal(EdgeProgram.InvalidInput, exit);
        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task Starting_an_edge_in_process_with_bad_options_names_every_problem_and_starts_nothing()
    {
        var options = new EdgeOptions
        {
            Region = "eu-west",
            Services = [new EdgeService("rag-api", "/same"), new EdgeService("other-api", "/same")],
            HealthCheckInterval = TimeSpan.Zero,
        };

        var failure = await Assert.ThrowsAsync<EdgeConfigurationException>(() => EdgeHost.StartAsync(fixture.Client, options));

        Assert.Contains(failure.Errors, e => e.Field == "--service" && e.Reason.Contains("match the same requests", StringComparison.Ordinal));
        Assert.Contains(failure.Errors, e => e.Field == nameof(EdgeOptions.HealthCheckInterval));
    }

    private static string[] Valid() => ["--service", "rag-api", "--region", "eu-west", "--listen", "127.0.0.1:8081", "--path-prefix", "/rag-api"];

    private static Func<string, string?> Environment(Dictionary<string, string> variables) =>
        name => variables.TryGetValue(name, out var value) ? value : null;
}
