using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Campaigns;
using Coordinator.ConsoleTests.Infrastructure;
using Coordinator.Fences;

namespace Coordinator.ConsoleTests.Fleet;

/// <summary>The 'fleet' command against the shared silo, with the campaign started separately, as a script would.</summary>
public sealed class FleetCommandTests(ClusterFixture cluster) : ClusterTestBase(cluster)
{
    private static readonly string[] Regions = ["eu-west", "us-east"];
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_fleet_follows_a_campaign_started_elsewhere_answers_its_warm_steps_and_reports_every_region_on_green()
    {
        var service = Cluster.NewService("fleet");

        var run = await RunCampaignUnderFleetAsync(service, Regions);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("waiting for campaign 'fleet-go'", run.Errors, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Output);
        var summary = json.RootElement;
        Assert.Equal("completed", summary.GetProperty("state").GetString());
        Assert.Equal(Regions.Length, summary.GetProperty("smoke_reports").GetInt64());
        foreach (var region in summary.GetProperty("regions").EnumerateArray())
        {
            Assert.Equal(("green", 1), (region.GetProperty("arm").GetString(), region.GetProperty("flips").GetInt32()));
            Assert.True(region.GetProperty("requests").GetProperty("green").GetInt64() > 0, region.ToString());
        }

        Assert.Equal(0, summary.GetProperty("requests").GetProperty("lower_epoch_reads").GetInt64());
        Assert.Equal(0, summary.GetProperty("writes").GetProperty("accepted_while_frozen").GetInt64());
        var commits = summary.GetProperty("commits");
        Assert.Equal(commits.GetProperty("replayed").GetInt64(), commits.GetProperty("duplicates").GetInt64());
        foreach (var region in Regions)
        {
            var view = await Cluster.ViewAsync(service, region);
            Assert.Equal((Arm.Green, 1L), (view.ActiveArm, view.Epoch));
        }
    }

    [Fact]
    public async Task Injected_5xx_on_green_fires_the_holds_stop_rule_from_live_telemetry_and_rolls_back()
    {
        var service = Cluster.NewService("fleet5xx");

        var run = await RunCampaignUnderFleetAsync(service, ["eu-west"], "--inject", "eu-west:http_5xx_rate=0.05");

        Assert.True(run.ExitCode == 6, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var reason = json.RootElement.GetProperty("reason").GetString()!;
        Assert.Contains("http_5xx_rate", reason);
        Assert.Contains("stop rule", reason);
        var region = json.RootElement.GetProperty("regions")[0];
        Assert.Equal(("blue", 2), (region.GetProperty("arm").GetString(), region.GetProperty("flips").GetInt32()));
        Assert.Equal(Arm.Blue, (await Cluster.ViewAsync(service, "eu-west")).ActiveArm);
    }

    [Fact]
    public async Task With_until_ended_the_fleet_serves_through_an_operators_wait_and_reports_the_abort_it_saw()
    {
        var service = Cluster.NewService("fleetwait");
        string[] regions = ["eu-west", "us-east"];

        // Two waves under manual approval: the campaign waits for an operator after eu-west.
        var errors = new LiveErrors();
        var fleet = await StartCampaignUnderFleetAsync(service, regions, errors, spec =>
        {
            spec["waves"] = new JsonArray(
                new JsonObject { ["name"] = "first", ["regions"] = new JsonArray("eu-west") },
                new JsonObject { ["name"] = "second", ["regions"] = new JsonArray("us-east") });
            spec["approval"] = new JsonObject { ["mode"] = "manual" };
        }, "--until-ended");
        await Poll.UntilAsync(
            () => errors.Text.Contains("waiting-for-approval", StringComparison.Ordinal),
            "the fleet to print that the campaign waits for approval after its first wave",
            ConsoleDeadlines.Poll);

        // The fleet saw the wait: without --until-ended it would end here with exit 7 and a summary of the wait.
        var abort = await Cluster.RunAsync("campaign", "abort", service, "fleet-go", "--reason", "operator stops the game day", "--operator", "oscar");
        Assert.True(abort.ExitCode == 0, abort.ToString());

        var run = await fleet.WaitAsync(Deadline);
        Assert.True(run.ExitCode == 6, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("rolled_back", json.RootElement.GetProperty("state").GetString());
        var seen = json.RootElement.GetProperty("regions").EnumerateArray()
            .ToDictionary(r => r.GetProperty("region").GetString()!, r => (r.GetProperty("arm").GetString(), r.GetProperty("flips").GetInt32()));
        Assert.Equal(("blue", 2), seen["eu-west"]);
        Assert.Equal(("blue", 0), seen["us-east"]);
    }

    /// <summary>Registers the arms, runs 'fleet', and starts a one-wave campaign (hold 2 s, fenced) once the fleet has a baseline.</summary>
    private async Task<ConsoleRun> RunCampaignUnderFleetAsync(string service, string[] regions, params string[] fleetArgs) =>
        await (await StartCampaignUnderFleetAsync(service, regions, new LiveErrors(), _ => { }, fleetArgs)).WaitAsync(Deadline);

    /// <summary>As <see cref="RunCampaignUnderFleetAsync"/>, with the spec changed by <paramref name="change"/>; returns the running fleet.</summary>
    private async Task<Task<ConsoleRun>> StartCampaignUnderFleetAsync(string service, string[] regions, LiveErrors errors, Action<JsonObject> change, params string[] fleetArgs)
    {
        foreach (var region in regions)
        {
            await RegisterAsync(service, region, "blue", TestManifests.Blue);
            await RegisterAsync(service, region, "green", TestManifests.Green.With("consumer_ver", "cv-2"));
        }

        var spec = TestCampaigns.Spec(service, "fleet-go", regions);
        spec["target"]!["consumer_ver"] = "cv-2";
        spec["hold_seconds"] = 2;
        spec["fences"] = new JsonObject { ["writers"] = new JsonArray("indexer"), ["consumer_groups"] = new JsonArray("webhooks") };
        change(spec);

        var fleet = Cluster.RunAsync(errors, ["fleet", "--service", service, "--regions", string.Join(',', regions), "--campaign", "fleet-go", "--json", "--timeout", "90", .. fleetArgs]);

        // The campaign's freeze needs the consumer pointers the fleet configures, and its gates need a Blue baseline.
        foreach (var region in regions)
        {
            await Poll.UntilAsync(
                () => Cluster.Client.GetGrain<IConsumerPointerGrain>(FenceKey.Format(service, region, "webhooks")).GetStatusAsync(),
                s => s.ActiveConsumerVer == "cv-1",
                $"the fleet to configure {region}'s consumer pointer",
                ConsoleDeadlines.Poll);
            await Poll.UntilAsync(
                () => Cluster.Client.GetGrain<ITelemetryGrain>(TelemetryKey.Format(service, region, Arm.Blue))
                    .GetWindowAsync(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow),
                w => w.RequestCount >= 300,
                $"300 Blue requests reported in {region}",
                ConsoleDeadlines.Poll);
        }

        var start = await Cluster.RunAsync("campaign", "start", Cluster.WriteFile(spec.ToJsonString()));
        Assert.True(start.ExitCode == 0, start.ToString());
        return fleet;
    }

    [Theory]
    [InlineData(new[] { "--regions", "eu-west", "--campaign", "c" }, "--service")]
    [InlineData(new[] { "--service", "s", "--campaign", "c" }, "--regions")]
    [InlineData(new[] { "--service", "s", "--regions", "eu-west" }, "--campaign")]
    [InlineData(new[] { "--service", "s", "--regions", "eu-west", "--campaign", "c", "--inject", "eu-west:coverage=2" }, "--inject")]
    [InlineData(new[] { "--service", "s", "--regions", "eu-west", "--campaign", "c", "--inject", "us-east:coverage=0.5" }, "--inject")]
    [InlineData(new[] { "--service", "s", "--regions", "eu-west", "--campaign", "c", "--timeout", "0" }, "--timeout")]
    public async Task Bad_input_exits_2_naming_the_option_without_connecting(string[] args, string option)
    {
        var connector = new NoClusterConnector();

        var run = await ConsoleRun.RunAsync(["fleet", .. args], connector: connector);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(option, run.Errors);
        Assert.Equal(0, connector.Attempts);
    }

    [Fact]
    public async Task No_silo_exits_4()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var unused = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        listener.Stop();

        var run = await ConsoleRun.RunAsync(["fleet", "--service", "s", "--regions", "eu-west", "--campaign", "c", "--gateway-port", unused]);

        Assert.True(run.ExitCode == 4, run.ToString());
    }
}
