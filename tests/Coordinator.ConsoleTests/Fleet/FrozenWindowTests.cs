using Coordinator.Campaigns;
using Coordinator.Fleet;

namespace Coordinator.ConsoleTests.Fleet;

/// <summary>When the campaign certainly held a region's writer lease frozen, read from its step records.</summary>
public sealed class FrozenWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    private static StepRecord Step(ChecklistStep step, double from, double to) => new(step, At(from), At(to), "ok");

    private static RegionProgress Region(RegionOutcome outcome, ChecklistStep step, params StepRecord[] steps) => new()
    {
        Region = "eu-west",
        WaveIndex = 0,
        Fences = new RegionFences { Writers = ["indexer"] },
        Outcome = outcome,
        Step = step,
        StepStartedAt = steps.LastOrDefault()?.FinishedAt,
        Steps = [.. steps],
    };

    private static CampaignStatus Status(CampaignState state, DateTimeOffset? rollbackStarted = null) => new()
    {
        CampaignId = "c",
        Service = "rag-api",
        State = state,
        CurrentWave = 0,
        WaveCount = 1,
        Regions = [],
        StartedAt = T0,
        StartedBy = "tester",
        SpecFingerprint = "x",
        RollbackStartedAt = rollbackStarted,
    };

    [Fact]
    public void A_done_region_was_frozen_from_the_end_of_freeze_to_the_start_of_unfreeze()
    {
        var region = Region(RegionOutcome.Done, ChecklistStep.Unfreeze,
            Step(ChecklistStep.Freeze, 0, 1), Step(ChecklistStep.VerifyInvariants, 1, 2), Step(ChecklistStep.WarmGreen, 2, 3),
            Step(ChecklistStep.Flip, 3, 4), Step(ChecklistStep.HoldAndWatch, 4, 7), Step(ChecklistStep.Unfreeze, 7, 8));

        var window = FrozenWindow.Of(region, Status(CampaignState.Completed), At(20));

        Assert.Equal(new FrozenWindow(At(1), At(7)), window);
        Assert.Equal(2, window.Count([At(0.5), At(1.5), At(6.9), At(7.5)]));
    }

    [Fact]
    public void A_region_rolled_back_before_unfreeze_was_frozen_until_the_rollback_started()
    {
        var region = Region(RegionOutcome.RolledBack, ChecklistStep.WarmGreen, Step(ChecklistStep.Freeze, 0, 1), Step(ChecklistStep.VerifyInvariants, 1, 2));

        var window = FrozenWindow.Of(region, Status(CampaignState.RolledBack, At(5)), At(20));

        Assert.Equal(new FrozenWindow(At(1), At(5)), window);
    }

    [Fact]
    public void A_region_still_held_is_frozen_until_now_and_one_never_frozen_has_no_window()
    {
        var held = Region(RegionOutcome.InProgress, ChecklistStep.HoldAndWatch, Step(ChecklistStep.Freeze, 0, 1));
        var pending = Region(RegionOutcome.Pending, ChecklistStep.Freeze);

        Assert.Equal(new FrozenWindow(At(1), At(20)), FrozenWindow.Of(held, Status(CampaignState.WaitingForApproval), At(20)));
        Assert.Null(FrozenWindow.Of(pending, Status(CampaignState.Running), At(20)));
        Assert.Equal(0, FrozenWindow.Of(pending, Status(CampaignState.Running), At(20)).Count([At(5)]));
    }
}
