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
        foreach (var region in Current.Regions.Where(ToRollBack).ToList())
        {
            await RollBackRegionAsync(region);
        }

        if (Current.Regions.Any(ToRollBack))
        {
            return;
        }

        if (Current.Regions.Any(r => r.RollbackBlocked is not null))
        {
            // Everything else is back on Blue; retrying the blocked regions forever would only hide them.
            await SaveAsync(state.State with { Current = Current with { State = CampaignState.RollbackBlocked } });
            LogRollbackBlocked(logger, Service, Current.CampaignId, string.Join(", ", Current.Regions.Where(r => r.RollbackBlocked is not null).Select(r => r.Region)));
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
            if (!await MoveConsumersBackAsync(region, group, blue))
            {
                return;
            }
        }

        await pointer.ReleaseAsync(campaign, Spec.Operator);
        await SaveRegionAsync(region.Region, r => r with { Outcome = RegionOutcome.RolledBack, Note = "rolled back to Blue" });
    }

    private static bool ToRollBack(RegionProgress region) =>
        region.Outcome is RegionOutcome.InProgress or RegionOutcome.Done && region.RollbackBlocked is null;

    /// <summary>
    /// Puts a consumer group back on Blue's CONSUMER_VER if the campaign moved it (waiting for a move
    /// still draining either way), then resumes it. True when the group is done; false while it drains
    /// or after a failed move, which is retried under a fresh key until the attempts run out.
    /// </summary>
    private async Task<bool> MoveConsumersBackAsync(RegionProgress region, string group, ArmManifest? blue)
    {
        var campaign = Current.CampaignId;
        var consumers = Consumers(region.Region, group);
        var forward = await consumers.GetMoveAsync($"{campaign}/{region.Region}/{group}/move");
        if (forward?.State == MoveState.Draining)
        {
            return false;
        }

        // An operator may already have moved the group back by hand while the rollback was blocked.
        if (forward?.State == MoveState.Completed && blue is not null && (await consumers.GetStatusAsync()).ActiveConsumerVer != blue.ConsumerVer)
        {
            var key = $"{campaign}/{region.Region}/{group}/rollback" + (region.FailedRollbackMoves == 0 ? "" : $"/{region.FailedRollbackMoves + 1}");
            var back = await StartOrFollowMoveAsync(consumers, blue.ConsumerVer, key);
            if (back.State == MoveState.Draining)
            {
                return false;
            }

            if (back.State == MoveState.Failed)
            {
                var failures = region.FailedRollbackMoves + 1;
                var blocked = failures % CampaignLimits.RollbackMoveAttempts == 0
                    ? $"consumer group {group} did not move back to {blue.ConsumerVer} in {CampaignLimits.RollbackMoveAttempts} attempts: {back.Reason}"
                    : null;
                await SaveRegionAsync(region.Region, r => r with
                {
                    FailedRollbackMoves = failures,
                    RollbackBlocked = blocked,
                    Note = $"moving consumer group {group} back to Blue failed ({back.Reason}); {(blocked is null ? "retrying" : "waiting for an operator")}",
                });
                return false;
            }
        }

        await consumers.ResumeAsync(campaign, Spec.Operator);
        return true;
    }
}
