using Coordinator.Campaigns;
using Coordinator.Fleet;

namespace Coordinator.ConsoleTests.Fleet;

/// <summary>Which regions the evaluator (the fleet's and the benchmark's) answers.</summary>
public sealed class WarmGreenStepsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static RegionProgress Region(string name, RegionOutcome outcome, ChecklistStep step) => new()
    {
        Region = name,
        WaveIndex = 0,
        Fences = new RegionFences(),
        Outcome = outcome,
        Step = step,
        StepStartedAt = T0,
    };

    private static CampaignStatus Status(CampaignState state, params RegionProgress[] regions) => new()
    {
        CampaignId = "c",
        Service = "rag-api",
        State = state,
        CurrentWave = 0,
        WaveCount = 1,
        Regions = [.. regions],
        StartedAt = T0,
        StartedBy = "tester",
        SpecFingerprint = "x",
    };

    [Fact]
    public void Only_regions_in_progress_at_warm_green_of_a_running_campaign_wait()
    {
        var status = Status(
            CampaignState.Running,
            Region("eu-west", RegionOutcome.InProgress, ChecklistStep.WarmGreen),
            Region("us-east", RegionOutcome.InProgress, ChecklistStep.Freeze),
            Region("us-west", RegionOutcome.Pending, ChecklistStep.WarmGreen));

        Assert.Equal([("eu-west", T0)], WarmGreenSteps.Waiting(status));
    }

    [Theory]
    [InlineData(CampaignState.Paused)]
    [InlineData(CampaignState.WaitingForApproval)]
    [InlineData(CampaignState.RollingBack)]
    public void A_campaign_that_is_not_running_waits_for_nothing(CampaignState state)
    {
        var status = Status(state, Region("eu-west", RegionOutcome.InProgress, ChecklistStep.WarmGreen));

        Assert.Empty(WarmGreenSteps.Waiting(status));
    }
}
