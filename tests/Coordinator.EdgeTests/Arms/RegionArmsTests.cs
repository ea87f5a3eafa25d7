using Coordinator.Arms;

namespace Coordinator.EdgeTests.Arms;

public sealed class RegionArmsTests
{
    [Fact]
    public async Task Blue_and_Green_start_per_region_and_one_region_can_be_degraded()
    {
        await using var arms = await RegionArms.StartAsync(
            ["eu-west", "us-east"],
            (region, options) => region == "us-east" && options.Build == ArmBuild.Green ? options with { DropFraction = 0.3 } : options);

        Assert.Equal(4, arms.All.Select(s => s.BaseUrl).Distinct().Count());
        Assert.Equal(["blue", "green", "blue", "green"], arms.All.Select(s => s.Name));
        Assert.Equal(arms.Blue("eu-west").Info.IndexHash, arms.Blue("us-east").Info.IndexHash);
        Assert.NotEqual(arms.Green("eu-west").Info.IndexHash, arms.Green("us-east").Info.IndexHash);
        Assert.Empty(arms.Green("eu-west").Info.DroppedPassageIds);
        Assert.NotEmpty(arms.Green("us-east").Info.DroppedPassageIds);

        foreach (var server in arms.All)
        {
            using var client = ArmHttp.ClientFor(server);
            var answer = await ArmHttp.AskAsync(client, "How are TLS certificates renewed?");
            Assert.Equal(server.Name, answer.Arm);
            Assert.Equal(1, server.Counts().Asks);
        }

        Assert.Throws<KeyNotFoundException>(() => arms.Blue("ap-south"));
    }

    [Fact]
    public async Task Bad_regions_or_options_start_nothing_and_name_the_problem()
    {
        var regions = await Assert.ThrowsAsync<ArgumentException>(() => RegionArms.StartAsync(["eu-west", "eu-west"]));
        var options = await Assert.ThrowsAsync<ArmOptionsException>(() => RegionArms.StartAsync(
            ["eu-west", "us-east"],
            (region, o) => region == "us-east" ? o with { FaultStatus = 200 } : o));

        Assert.StartsWith("regions:", regions.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => RegionArms.StartAsync([]));
        Assert.Equal(["us-east/Blue: FaultStatus: 200 must be a 5xx status (500-599)", "us-east/Green: FaultStatus: 200 must be a 5xx status (500-599)"], options.Errors);
    }
}
