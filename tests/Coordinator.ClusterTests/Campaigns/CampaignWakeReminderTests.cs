using Coordinator.Campaigns;
using Coordinator.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests.Campaigns;

/// <summary>A running campaign's wake-up reminder fires every few seconds, not every minute, so a crash stalls it briefly.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignWakeReminderTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_running_campaign_is_woken_at_the_configured_period()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(fixture.Client, service, 1);
        var cutover = fixture.Client.GetGrain<ICutoverGrain>(service);

        // No smoke report is submitted: the campaign waits in Warm Green, still driven, its reminder registered.
        await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-wake", [regions[0]]));

        var silo = (InProcessSiloHandle)fixture.Cluster.Silos[0];
        var table = silo.SiloHost.Services.GetRequiredService<IReminderTable>();
        var reminder = await Poll.UntilAsync(
            () => table.ReadRow(cutover.GetGrainId(), "campaign-wake"),
            entry => entry is not null,
            "the campaign's wake-up reminder to be registered");
        Assert.NotNull(reminder);

        Assert.Equal(TimeSpan.FromSeconds(new CoordinatorSiloOptions().CampaignWakeSeconds), reminder.Period);
        Assert.True(reminder.Period < TimeSpan.FromMinutes(1), $"the wake-up period {reminder.Period} should be seconds");
    }
}
