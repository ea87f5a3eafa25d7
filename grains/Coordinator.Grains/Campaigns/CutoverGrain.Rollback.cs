using Coordinator.Campaigns;
using Coordinator.Fences;

namespace Coordinator.Grains.Campaigns;

/// <summary>Stop and roll back: every region the campaign touched returns to Blue, idempotently.</summary>
public sealed partial class CutoverGrain
{
    private async Task BeginRollbackAsync(string reason)
    {
        LogRollingBack(logger, Service, Current.CampaignId, reason);
        await SaveAsync(state.State with
        {
            Current = Current with { State = CampaignState.RollingBack, Reason = reason, RollbackStartedAt = time.GetUtcNow() },
            ApprovalFor = null,
        });
        await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        EnsureTimer();
        await RollBackAsync();
    }

    private async Task RollBackAsync()
    {
        foreach (var region in Current.Regions.Where(r => r.Outcome is RegionOutcome.InProgress or RegionOutcome.Done).ToList())
        {
            await RollBackRegionAsync(region);
        }

        if (Current.Regions.Any(r => r.Outcome is RegionOutcome.InProgress or RegionOutcome.Done))
        {
            return;
        }

        var now = time.GetUtcNow();
        await SaveAsync(state.State with
        {
            Current = Current with { State = CampaignState.RolledBack, FinishedAt = now, RollbackDuration = now - Current.RollbackStartedAt },
        });
        LogFinished(logger, Service, Current.CampaignId, CampaignState.RolledBack, Current.Reason);
    }

    private async Task RollBackRegionAsync(RegionProgress region)
    {
        var campaign = Current.CampaignId;
        var pointer = GrainFactory.GetGrain<ISwitchoverGrain>(RegionKey.Format(Service, region.Region));
        await pointer.ClaimAsync(campaign, Spec.Operator);
        var view = await pointer.GetActiveArmAsync();
        var blue = region.Blue ?? view.Blue;
        if (region.FlippedEpoch is not null && view.ActiveArm == Arm.Green)
        {
            await pointer.FlipAsync(new FlipRequest
            {
                Target = Arm.Blue,
                ExpectedEpoch = view.Epoch,
                Operator = Spec.Operator,
                Reason = $"campaign {campaign} rolled back: {Current.Reason}",
                IdempotencyKey = $"{campaign}/{region.Region}/rollback",
                CampaignId = campaign,
            });
        }

        // A writer may have been unfrozen onto Green already: freeze it again, then release it onto Blue.
        foreach (var writer in region.Fences.Writers)
        {
            var lease = Lease(region.Region, writer);
            await lease.FreezeAsync(campaign, Spec.Operator);
            if (blue is not null)
            {
                await lease.UnfreezeAsync(campaign, blue.IndexHash, Spec.Operator);
            }
        }

        foreach (var group in region.Fences.ConsumerGroups)
        {
            var consumers = Consumers(region.Region, group);
            var moved = await consumers.GetMoveAsync($"{campaign}/{region.Region}/{group}/move");
            if (moved?.State == MoveState.Completed && blue is not null
                && !await MoveConsumersAsync(region.Region, group, blue.ConsumerVer, $"{campaign}/{region.Region}/{group}/rollback"))
            {
                return;
            }

            await consumers.ResumeAsync(campaign, Spec.Operator);
        }

        await pointer.ReleaseAsync(campaign, Spec.Operator);
        await SaveRegionAsync(region.Region, r => r with { Outcome = RegionOutcome.RolledBack, Note = "rolled back to Blue" });
    }
}
