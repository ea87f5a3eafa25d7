using Coordinator.Domain;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using static Coordinator.Core.Tests.Campaigns.Machine.MachineSamples;

namespace Coordinator.Core.Tests.Campaigns.Machine;

/// <summary>
/// A crash after an effect ran and before its save: the next activation decides again from the saved
/// state, asks for the same effects under the same keys, and nothing happens twice.
/// </summary>
public sealed class CrashReplayTests
{
    private readonly RegionWorld _world = World();
    private readonly MachineDriver _driver;

    public CrashReplayTests() => _driver = new MachineDriver(_world);

    public static TheoryData<ChecklistStep> Steps => [.. ChecklistSteps.All];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Losing_the_save_after_any_step_acted_changes_nothing_the_replay_does(ChecklistStep step)
    {
        var crashes = 0;
        _driver.CrashBeforeSave = next =>
            crashes == 0 && next.Current!.Regions[0].Steps.Any(s => s.Step == step) && ++crashes == 1;
        _driver.Start(Spec());
        var done = RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete after the crash");

        Assert.Equal(1, crashes);
        Assert.Equal(ChecklistSteps.All, done.Regions[0].Steps.Select(s => s.Step));
        var pointer = _world.Pointers["eu-west"];
        Assert.Equal((Arm.Green, 1L), (pointer.Active, pointer.Epoch));
        Assert.Single(pointer.Audit);
        Assert.Single(_world.Consumers["eu-west"].Moves);
        Assert.Equal(Green.ConsumerVer, _world.Consumers["eu-west"].ActiveVer);
    }

    [Fact]
    public void The_flip_replayed_after_a_lost_save_is_the_same_request_under_the_same_key()
    {
        _driver.CrashBeforeSave = next => next.Current!.Regions[0].FlippedEpoch is not null && _world.Ran.Count(e => e is FlipPointer) == 1;
        _driver.Start(Spec());
        var held = RunUntil(_driver, s => s.Regions[0].FlippedEpoch is not null, "the flip to be recorded");

        var flips = _world.Ran.OfType<FlipPointer>().ToList();
        Assert.Equal(2, flips.Count);
        Assert.Equal(flips[0].Request, flips[1].Request);
        Assert.Equal(1, held.Regions[0].FlippedEpoch);
        Assert.Single(_world.Pointers["eu-west"].Audit);
    }

    [Fact]
    public void A_flip_made_but_never_recorded_is_flipped_back_by_an_abort()
    {
        _driver.CrashBeforeSave = next => next.Current!.Regions[0].FlippedEpoch is not null;
        _driver.Start(Spec());
        RunUntil(_driver, s => _world.Pointers["eu-west"].Epoch == 1, "the unrecorded flip");
        Assert.Null(_driver.Status.Regions[0].FlippedEpoch);

        _driver.CrashBeforeSave = _ => false;
        _driver.Command(s => CampaignMachine.Abort(s, "cmp-1", "bob", "stop", _driver.Now, AuditKey.DemoNotSecret));
        var done = _driver.RunUntil(s => s.State.IsTerminal(), "the rollback to end");
        Assert.Equal(CampaignState.RolledBack, done.State);
        Assert.Equal((Arm.Blue, 2L, (string?)null), (_world.Pointers["eu-west"].Active, _world.Pointers["eu-west"].Epoch, _world.Pointers["eu-west"].Owner));
    }

    /// <summary>
    /// Also seen in the chaos suite before the rollback recorded its release first: the rollback released the claim,
    /// its activation died before the save, and the replayed step claimed the region again (and released it).
    /// </summary>
    [Fact]
    public void Losing_a_rollback_round_save_repeats_no_flip_back_and_no_claim()
    {
        _world.GreenTelemetry = w => w with { Http5xxCount = 50 };
        var lost = 0;
        _driver.CrashBeforeSave = next => lost == 0 && next.Current!.Regions[0].Outcome == RegionOutcome.RolledBack && ++lost == 1;
        _driver.Start(Spec());
        var done = RunUntil(_driver, s => s.State.IsTerminal(), "the campaign to end");
        Assert.Equal(CampaignState.RolledBack, done.State);
        Assert.Equal(1, lost);
        Assert.Equal(["cmp-1/eu-west/flip", "cmp-1/eu-west/rollback"], _world.Pointers["eu-west"].Audit.Select(f => f.IdempotencyKey));
        Assert.Equal(["claim", "release"], _world.Pointers["eu-west"].Claims);
        Assert.Equal(2, _world.Ran.Count(e => e is ReleasePointer));
        Assert.Equal((null, false), (_world.Pointers["eu-west"].Owner, done.Regions[0].RollbackReleasing));
    }

    [Fact]
    public void A_completed_region_rolled_back_later_is_claimed_again_once()
    {
        var lost = 0;
        _driver.CrashBeforeSave = next => lost == 0 && next.Current!.Regions[0].Outcome == RegionOutcome.RolledBack && ++lost == 1;
        _driver.Start(Spec());
        RunUntil(_driver, s => s.State == CampaignState.Completed, "the campaign to complete");
        _driver.Command(s => CampaignMachine.Rollback(s, "cmp-1", "bob", "index regressed", _driver.Now, AuditKey.DemoNotSecret));
        var done = _driver.RunUntil(s => s.State.IsTerminal(), "the rollback to end");

        Assert.Equal((CampaignState.RolledBack, 1), (done.State, lost));
        Assert.Equal(["claim", "release", "claim", "release"], _world.Pointers["eu-west"].Claims);
    }
}
