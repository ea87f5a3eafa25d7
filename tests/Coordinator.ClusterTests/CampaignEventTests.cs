using Coordinator.Campaigns;
using Coordinator.Client.Campaigns;
using Coordinator.ClusterTests.Campaigns;

namespace Coordinator.ClusterTests;

/// <summary>The campaign event stream as a follower (the console's watch, an evaluator) sees it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignEventTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_follower_sees_every_step_of_every_region_in_order_with_no_gap_until_completion()
    {
        var service = CampaignSamples.NewService();
        var regions = await CampaignSamples.Fleet(fixture.Client, service, 2);
        var cutover = fixture.Client.GetGrain<ICutoverGrain>(service);
        await cutover.StartAsync(CampaignSamples.Spec(service, "cmp-events", [regions[0]], [regions[1]]));
        await using var follower = await CampaignFollower.StartAsync(fixture.Client, service, "cmp-events");

        // Play the evaluator: answer each region once it waits in Warm Green.
        var changes = new List<CampaignChange>();
        var answered = new HashSet<string>();
        var gaps = 0;
        var until = DateTime.UtcNow + Deadline;
        var update = new CampaignUpdate(follower.Status, [], false, true);
        while (!(update.Status.State == CampaignState.Completed && update.CaughtUp))
        {
            Assert.True(DateTime.UtcNow < until, $"expected the campaign to complete within {Deadline}; it is {update.Status.State}");
            foreach (var waiting in update.Status.Regions.Where(r => r is { Outcome: RegionOutcome.InProgress, Step: ChecklistStep.WarmGreen }))
            {
                if (answered.Add(waiting.Region))
                {
                    await cutover.SubmitSmokeReportAsync("cmp-events", CampaignSamples.Smoke(service, waiting.Region, DateTimeOffset.UtcNow));
                }
            }

            update = await follower.NextAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
            gaps += update.Gap ? 1 : 0;
            changes.AddRange(update.Changes);
        }

        Assert.Equal(0, gaps);
        Assert.NotEmpty(changes);
        Assert.Equal(follower.Status.Version, changes[^1].Version);
        for (var i = 1; i < changes.Count; i++)
        {
            Assert.True(changes[i].PreviousVersion == changes[i - 1].Version, $"change {changes[i].Version} follows {changes[i].PreviousVersion}, not {changes[i - 1].Version}");
        }

        // The first region may have passed Freeze and Verify before the follower subscribed (its status
        // read accounts for them); the second starts only after the first's smoke report, so all of it shows.
        var events = changes.SelectMany(c => c.Events).ToList();
        foreach (var region in regions)
        {
            var steps = events.Where(e => e.Region == region && e.Kind == CampaignEventKind.StepFinished).Select(e => e.Step!.Value).ToList();
            Assert.Equal(ChecklistSteps.All.TakeLast(steps.Count), steps);
            Assert.True(steps.Count >= (region == regions[0] ? 4 : ChecklistSteps.All.Count), $"{region} reported only {string.Join(", ", steps)}");
            var warm = Assert.Single(events, e => e.Region == region && e.Kind == CampaignEventKind.GateJudged);
            Assert.Equal(GateVerdict.Pass, warm.Gate!.Verdict);
            Assert.Single(events, e => e.Region == region && e.Kind == CampaignEventKind.RegionDone);
        }

        Assert.Single(events, e => e.Kind == CampaignEventKind.WaveStarted);
        Assert.Equal(CampaignEventKind.Completed, events[^1].Kind);
    }
}
