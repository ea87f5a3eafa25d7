using System.Text.Json;
using Coordinator.Campaigns;
using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Campaigns;

/// <summary>`campaign host` names the silo whose process runs a service's cutover grain.</summary>
public sealed class CampaignHostTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    [Fact]
    public async Task Host_json_names_the_silo_port_once_the_cutover_grain_is_active()
    {
        var service = Cluster.NewService("host");
        await Cluster.Client.GetGrain<ICutoverGrain>(service).ListAsync();

        var run = await Cluster.RunAsync("campaign", "host", service, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var answer = JsonDocument.Parse(run.Output);
        Assert.Equal(service, answer.RootElement.GetProperty("service").GetString());
        Assert.Contains(service, answer.RootElement.GetProperty("grain").GetString(), StringComparison.Ordinal);
        Assert.Equal(Cluster.SiloPort, answer.RootElement.GetProperty("silo_port").GetInt32());
        Assert.EndsWith($":{Cluster.SiloPort}", answer.RootElement.GetProperty("silo").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_of_a_service_never_asked_about_is_null_and_asking_does_not_activate_it()
    {
        var service = Cluster.NewService("host-idle");

        var first = await Cluster.RunAsync("campaign", "host", service, "--json");
        var second = await Cluster.RunAsync("campaign", "host", service);

        Assert.True(first.ExitCode == 0, first.ToString());
        using var answer = JsonDocument.Parse(first.Output);
        Assert.Equal(JsonValueKind.Null, answer.RootElement.GetProperty("silo").ValueKind);
        Assert.Equal(JsonValueKind.Null, answer.RootElement.GetProperty("silo_port").ValueKind);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("is not active on any silo", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_refuses_a_bad_service_name_with_exit_code_2()
    {
        var run = await Cluster.RunAsync("campaign", "host", "Rag_API");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("service", run.All, StringComparison.Ordinal);
    }
}
