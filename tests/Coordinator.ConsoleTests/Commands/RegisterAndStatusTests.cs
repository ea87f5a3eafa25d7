using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Commands;

public sealed class RegisterAndStatusTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    [Fact]
    public async Task Registering_both_arms_shows_both_manifests_in_status()
    {
        var service = Cluster.NewService("reg");

        var blue = await Cluster.RunAsync("arms", "register", service, "eu-west", "blue", Cluster.WriteFile(TestManifests.Json(TestManifests.Blue)), "--operator", "alice");
        var green = await Cluster.RunAsync("arms", "register", service, "eu-west", "green", Cluster.WriteFile(TestManifests.Json(TestManifests.Green)));

        Assert.True(blue.ExitCode == 0, blue.ToString());
        Assert.Contains($"registered blue for {service}/eu-west", blue.Output);
        Assert.Contains("idx-blue-0001", blue.Output);
        Assert.True(green.ExitCode == 0, green.ToString());
        Assert.Contains($"registered green for {service}/eu-west", green.Output);

        var status = await Cluster.RunAsync("status", service);

        Assert.True(status.ExitCode == 0, status.ToString());
        foreach (var expected in new[] { "eu-west", "idx-blue-0001", "llm-2026.07", "prompt-9.0", "idx-green-0002", "llm-2026.11", "prompt-11.2" })
        {
            Assert.Contains(expected, status.Output);
        }

        var view = await Cluster.ViewAsync(service, "eu-west");
        Assert.Equal("idx-blue-0001", view.Blue?.IndexHash);
        Assert.Equal("idx-green-0002", view.Green?.IndexHash);
        Assert.Equal("alice", (await Cluster.Pointer(service, "eu-west").GetAuditAsync())[0].Operator);
    }

    [Fact]
    public async Task Endpoints_are_shown_one_line_per_region_on_register_and_this_regions_url_in_status()
    {
        var service = Cluster.NewService("ends");
        var endpoints = new Dictionary<string, object?>
        {
            ["eu-west"] = new Dictionary<string, string> { ["url"] = "http://127.0.0.1:5101", ["health_path"] = "/healthz" },
            ["us-east"] = new Dictionary<string, string> { ["url"] = "http://127.0.0.1:5201" },
        };

        var register = await Cluster.RunAsync(
            "arms", "register", service, "eu-west", "blue", Cluster.WriteFile(TestManifests.Json(TestManifests.Blue.With("endpoints", endpoints))));
        await RegisterAsync(service, "eu-west", "green", TestManifests.Green);
        var status = await Cluster.RunAsync("status", service);

        Assert.True(register.ExitCode == 0, register.ToString());
        Assert.Contains("eu-west  http://127.0.0.1:5101 (health /healthz)", register.Output);
        Assert.Contains("us-east  http://127.0.0.1:5201", register.Output);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("http://127.0.0.1:5101", status.Output);
        Assert.Contains("/ URL", status.Output);
        Assert.DoesNotContain("127.0.0.1:5201", status.Output);
        Assert.Equal(new ArmEndpoint("http://127.0.0.1:5201"), (await Cluster.ViewAsync(service, "eu-west")).Blue!.Endpoints["us-east"]);
    }

    [Fact]
    public async Task Registering_the_same_manifest_again_is_reported_unchanged_and_not_audited_twice()
    {
        var service = Cluster.NewService("same");
        await RegisterAsync(service, "us-east", "blue", TestManifests.Blue);

        var again = await Cluster.RunAsync("arms", "register", service, "us-east", "blue", Cluster.WriteFile(TestManifests.Json(TestManifests.Blue)));

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("unchanged", again.Output);
        Assert.Single(await Cluster.Pointer(service, "us-east").GetAuditAsync());
    }

    [Fact]
    public async Task Status_lists_every_registered_region_unless_regions_are_named()
    {
        var service = Cluster.NewService("dir");
        await RegisterAsync(service, "eu-west", "blue", TestManifests.Blue);
        await RegisterAsync(service, "us-east", "blue", TestManifests.Valid("idx-us-0003", "llm-2026.07", "prompt-9.0"));

        var all = await Cluster.RunAsync("status", service);
        var one = await Cluster.RunAsync("status", service, "--regions", "us-east");

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Contains("idx-blue-0001", all.Output);
        Assert.Contains("idx-us-0003", all.Output);
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains("idx-us-0003", one.Output);
        Assert.DoesNotContain("idx-blue-0001", one.Output);
    }

    [Fact]
    public async Task Status_of_a_service_with_no_regions_says_so()
    {
        var run = await Cluster.RunAsync("status", Cluster.NewService("empty"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("no regions known", run.Output);
    }
}
