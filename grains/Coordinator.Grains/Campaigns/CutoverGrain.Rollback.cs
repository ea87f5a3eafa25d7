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

    /// <summary>
    /// Rolls every remaining region back at once (their pointers, leases and consumer groups are
    /// separate grains), then records what finished in one save: the rollback's wall time is about
    /// the slowest region's, not the sum. A region that failed or still drains is retried next tick.
    /// </summary>
    private async Task RollBackAsync()
    {
        var attempts = await Task.WhenAll(Current.Regions.Where(ToRollBack).Select(TryRollBackRegionAsync));
        var changes = attempts.OfType<RegionChange>().ToDictionary(c => c.Region, c => c.Change, StringComparer.Ordinal);
        if (changes.Count > 0)
        {
            await SaveAsync(state.State with
            {
                Current = Current with { Regions = [.. Current.Regions.Select(r => changes.TryGetValue(r.Region, out var change) ? change(r) : r)] },
            });
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

    private async Task<RegionChange?> TryRollBackRegionAsync(RegionProgress region)
    {
        try
        {
            var change = await RollBackRegionAsync(region);
            return change is null ? null : new RegionChange(region.Region, change);
        }
        catch (Exception ex)
        {
            // Every part of a region's rollback is idempotent: the next tick tries it again.
            LogStepFailed(logger, ex, Service, Current.CampaignId);
            return null;
        }
    }

    /// <returns>How to record the region's progress, or null when there is nothing to record yet.</returns>
    private async Task<Func<RegionProgress, RegionProgress>?> RollBackRegionAsync(RegionProgress region)
    {
        var campaign = Current.CampaignId;
        var pointer = GrainFactory.GetGrain<ISwitchoverGrain>(RegionKey.Format(Service, region.Region));
        await pointer.ClaimAsync(campaign, Spec.Operator);
        var view = await pointer.GetActiveArmAsync();
        var blue = region.Blue ?? view.Blue;
        // The region has been claimed by this campaign since Freeze, so Green active at an epoch past the
        // one Verify read means this campaign flipped it, recorded or not (a crash can fall between).
        if (view.ActiveArm == Arm.Green && (region.FlippedEpoch is not null || region.ExpectedEpoch is { } verified && view.Epoch > verified))
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
            var (done, failed) = await MoveConsumersBackAsync(region, group, blue);
            if (!done)
            {
                return failed;
            }
        }

        await pointer.ReleaseAsync(campaign, Spec.Operator);
        return r => r with { Outcome = RegionOutcome.RolledBack, Note = "rolled back to Blue" };
    }

    private static bool ToRollBack(RegionProgress region) =>
        region.Outcome is RegionOutcome.InProgress or RegionOutcome.Done && region.RollbackBlocked is null;

    /// <summary>
    /// Puts a consumer group back on Blue's CONSUMER_VER if the campaign moved it (waiting for a move
    /// still draining either way), then resumes it. Done when the group is back; otherwise it still
    /// drains, or a move failed and <c>Failed</c> records it (retried under a fresh key until the
    /// attempts run out).
    /// </summary>
    private async Task<(bool Done, Func<RegionProgress, RegionProgress>? Failed)> MoveConsumersBackAsync(RegionProgress region, string group, ArmManifest? blue)
    {
        var campaign = Current.CampaignId;
        var consumers = Consumers(region.Region, group);
        var forward = await consumers.GetMoveAsync($"{campaign}/{region.Region}/{group}/move");
        if (forward?.State == MoveState.Draining)
        {
            return (false, null);
        }

        // An operator may already have moved the group back by hand while the rollback was blocked.
        if (forward?.State == MoveState.Completed && blue is not null && (await consumers.GetStatusAsync()).ActiveConsumerVer != blue.ConsumerVer)
        {
            var key = $"{campaign}/{region.Region}/{group}/rollback" + (region.FailedRollbackMoves == 0 ? "" : $"/{region.FailedRollbackMoves + 1}");
            var back = await StartOrFollowMoveAsync(consumers, blue.ConsumerVer, key);
            if (back.State == MoveState.Draining)
            {
                return (false, null);
            }

            if (back.State == MoveState.Failed)
            {
                var failures = region.FailedRollbackMoves + 1;
                var blocked = failures % CampaignLimits.RollbackMoveAttempts == 0
                    ? $"consumer group {group} did not move back to {blue.ConsumerVer} in {CampaignLimits.RollbackMoveAttempts} attempts: {back.Reason}"
                    : null;
                return (false, r => r with
                {
                    FailedRollbackMoves = failures,
                    RollbackBlocked = blocked,
                    Note = $"moving consumer group {group} back to Blue failed ({back.Reason}); {(blocked is null ? "retrying" : "waiting for an operator")}",
                });
            }
        }

        await consumers.ResumeAsync(campaign, Spec.Operator);
        return (true, null);
    }

    private sealed record RegionChange(string Region, Func<RegionProgress, RegionProgress> Change);
}
