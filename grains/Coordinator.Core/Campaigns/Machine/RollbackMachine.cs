using Coordinator.Fences;

namespace Coordinator.Campaigns.Machine;

/// <summary>
/// One region back to Blue: claim, flip back if this campaign flipped it, writers frozen again and
/// released onto Blue's INDEX_HASH (unless already there), consumer groups moved back to Blue's CONSUMER_VER if they were
/// moved, then resumed, and the claim released. Every part is idempotent; a refusal or failure is
/// retried next tick, and a consumer group that will not move back blocks the region for an operator.
/// A claimed region is recorded as releasing before its claim is released, so a step replayed after a
/// lost save claims nothing again (a claim is idempotent only while it is held).
/// </summary>
internal static class RollbackMachine
{
    public static bool ToRollBack(RegionProgress region) =>
        region.Outcome is RegionOutcome.InProgress or RegionOutcome.Done && region.RollbackBlocked is null;

    public static StepOutcome Step(MachineContext context, RegionProgress region)
    {
        var name = region.Region;
        if (region.RollbackReleasing)
        {
            return Finish(context, region, claimed: true);
        }

        var campaign = context.CampaignId;
        // A refused claim while the campaign was still freezing means another campaign holds the region:
        // this one never claimed or flipped it, so only its fences are undone (Blue read from the pointer).
        var claim = context.Results.Need([new ClaimPointer(name)]);
        var leases = context.Results.Need(region.Fences.Writers.Select(w => new ReadLease(name, w)));
        if (claim.Missing.Count > 0 || leases.Missing.Count > 0)
        {
            return new StepOutcome { Run = [.. claim.Missing, .. leases.Missing] };
        }

        var claimed = claim.Refused is null || region.Step != ChecklistStep.Freeze;
        var pointer = claimed ? claim : context.Results.Need([new ReadPointer(name)]);
        if ((StepOutcome.Unless(pointer, name, refusalStops: false) ?? StepOutcome.Unless(leases, name, refusalStops: false)) is { } claiming)
        {
            return claiming;
        }

        var view = pointer.Value<ActiveArmView>(0);
        var blue = region.Blue ?? view.Blue;
        var groups = region.Fences.ConsumerGroups;

        // The step runs again every tick until the region is recorded (a consumer group may drain for a
        // while): a writer this rollback already released onto Blue is left alone, not frozen again.
        var writers = region.Fences.Writers
            .Where((_, i) => !(blue is not null && leases.Value<LeaseStatus>(i) is { FrozenBy: null } lease && lease.PinnedIndexHash == blue.IndexHash))
            .ToList();

        // The region has been claimed by this campaign since Freeze, so Green active at an epoch past the
        // one Verify read means this campaign flipped it, recorded or not (a crash can fall between).
        var flippedByUs = claimed && view.ActiveArm == Arm.Green
            && (region.FlippedEpoch is not null || region.ExpectedEpoch is { } verified && view.Epoch > verified);
        var first = context.Results.Need([
            .. groups.Select(g => new ReadMove(name, g, $"{campaign}/{name}/{g}/move")),
            .. writers.Select(w => new FreezeWriter(name, w)),
            .. flippedByUs ? [FlipBack(context, name, view.Epoch)] : Array.Empty<CampaignEffect>()]);
        if (StepOutcome.Unless(first, name, refusalStops: false) is { } freezing)
        {
            return freezing;
        }

        // A writer may have been unfrozen onto Green already: frozen again above, now released onto Blue.
        var forward = groups.Select((_, i) => (MoveStatus?)first.Values[i]).ToList();
        var toCheck = groups.Where((_, i) => forward[i]?.State == MoveState.Completed && blue is not null).ToList();
        var second = context.Results.Need([
            .. toCheck.Select(g => new ReadConsumers(name, g)),
            .. blue is null ? [] : writers.Select(w => new UnfreezeWriter(name, w, blue.IndexHash))]);
        if (StepOutcome.Unless(second, name, refusalStops: false) is { } releasing)
        {
            return releasing;
        }

        if (forward.Any(m => m?.State == MoveState.Draining))
        {
            return StepOutcome.Waiting;
        }

        // An operator may already have moved a group back by hand while the rollback was blocked.
        var stillOnGreen = toCheck.Where((_, i) => second.Value<ConsumerPointerStatus>(i).ActiveConsumerVer != blue!.ConsumerVer).ToList();
        var suffix = region.FailedRollbackMoves == 0 ? "" : $"/{region.FailedRollbackMoves + 1}";
        var back = context.Results.Need(stillOnGreen.Select(g => context.Move(name, g, blue!.ConsumerVer, $"{campaign}/{name}/{g}/rollback{suffix}")));
        if (StepOutcome.Unless(back, name, refusalStops: false) is { } moving)
        {
            return moving;
        }

        for (var i = 0; i < stillOnGreen.Count; i++)
        {
            var move = back.Value<MoveStatus>(i);
            if (move.State == MoveState.Failed)
            {
                return MoveBackFailed(region, stillOnGreen[i], blue!.ConsumerVer, move.Reason);
            }
        }

        if (back.Values.Any(m => ((MoveStatus)m!).State == MoveState.Draining))
        {
            return StepOutcome.Waiting;
        }

        return claimed
            ? StepOutcome.Record(r => r with { RollbackReleasing = true, Note = "rolled back to Blue; releasing the region" })
            : Finish(context, region, claimed: false);
    }

    /// <summary>The consumer groups resumed and the claim (if this campaign holds it) released; then the region is rolled back.</summary>
    private static StepOutcome Finish(MachineContext context, RegionProgress region, bool claimed)
    {
        var name = region.Region;
        var done = context.Results.Need([.. region.Fences.ConsumerGroups.Select(g => new ResumeConsumers(name, g)), .. claimed ? [new ReleasePointer(name)] : Array.Empty<CampaignEffect>()]);
        return StepOutcome.Unless(done, name, refusalStops: false)
            ?? StepOutcome.Record(r => r with { Outcome = RegionOutcome.RolledBack, RollbackReleasing = false, Note = "rolled back to Blue" });
    }

    private static FlipPointer FlipBack(MachineContext context, string region, long epoch) => new(region, new FlipRequest
    {
        Target = Arm.Blue,
        ExpectedEpoch = epoch,
        Operator = context.Spec.Operator,
        Reason = $"campaign {context.CampaignId} rolled back: {context.Current.Reason}",
        IdempotencyKey = $"{context.CampaignId}/{region}/rollback",
        CampaignId = context.CampaignId,
    });

    /// <summary>Recorded so the next attempt uses a fresh key; after the allowed attempts the region waits for an operator.</summary>
    private static StepOutcome MoveBackFailed(RegionProgress region, string group, string blueConsumerVer, string? reason)
    {
        var failures = region.FailedRollbackMoves + 1;
        var blocked = failures % CampaignLimits.RollbackMoveAttempts == 0
            ? $"consumer group {group} did not move back to {blueConsumerVer} in {CampaignLimits.RollbackMoveAttempts} attempts: {reason}"
            : null;
        return StepOutcome.Record(r => r with
        {
            FailedRollbackMoves = failures,
            RollbackBlocked = blocked,
            Note = $"moving consumer group {group} back to Blue failed ({reason}); {(blocked is null ? "retrying" : "waiting for an operator")}",
        });
    }
}
