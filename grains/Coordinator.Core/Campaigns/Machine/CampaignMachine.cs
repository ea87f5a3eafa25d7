using System.Collections.Immutable;

namespace Coordinator.Campaigns.Machine;

/// <summary>
/// A service's campaigns as a state machine with no Orleans in it. Given the saved state, the time
/// and the results of the effects it asked for, <see cref="Tick"/> decides the next state and the
/// effects to run; the commands decide what an operator's call changes. The cutover grain only
/// loads, asks, runs the effects, saves and publishes.
/// </summary>
public static partial class CampaignMachine
{
    /// <summary>
    /// One decision for a running or rolling-back campaign. A wave's regions step together in rounds:
    /// every region's step asks for what it needs, then one saved state records every region that
    /// moved before any region acts again.
    /// </summary>
    /// <param name="tickStartedAt">The same for every decision of one tick: effects are asked for by value.</param>
    /// <param name="now">Read again for every decision: when what it records happened.</param>
    public static CampaignStep Tick(
        CutoverState state, DateTimeOffset tickStartedAt, DateTimeOffset now, EffectResults results, ImmutableDictionary<string, DateTimeOffset> holdClock)
    {
        ArgumentNullException.ThrowIfNull(state);
        var context = new MachineContext(state, tickStartedAt, now, results, holdClock);
        return state.Current?.State switch
        {
            CampaignState.Running => Forward(context),
            CampaignState.RollingBack => RollBack(context),
            _ => new CampaignStep { HoldClock = holdClock },
        };
    }

    private static CampaignStep Forward(MachineContext context)
    {
        var current = context.Current;
        var wave = current.CurrentWave;
        var inWave = current.Regions.Where(r => r.WaveIndex == wave).ToList();
        if (inWave.All(r => r.Outcome == RegionOutcome.Done))
        {
            return WaveDone(context);
        }

        var outcomes = inWave.Where(r => r.Outcome is RegionOutcome.Pending or RegionOutcome.InProgress)
            .Select(r => (r.Region, Outcome: ChecklistMachine.Step(context, r))).ToList();
        var clock = context.HoldClock.SetItems(outcomes.Where(o => o.Outcome.HoldEvaluated).Select(o => KeyValuePair.Create(o.Region, context.TickStartedAt)));
        if (outcomes.Any(o => o.Outcome.NeedsEffects))
        {
            return new CampaignStep { Effects = [.. outcomes.SelectMany(o => o.Outcome.Run)], HoldClock = context.HoldClock };
        }

        // A refusal rolls the campaign back (recording what the other regions did); a region that needs an
        // operator makes the campaign wait on it alone, and any other that asked too asks again after the approval.
        var refused = outcomes.FirstOrDefault(o => o.Outcome.Refused is not null);
        var waitOn = refused.Region is null ? outcomes.FirstOrDefault(o => o.Outcome.WaitReason is not null) : default;
        var changes = outcomes
            .Where(o => o.Outcome.Change is not null && (o.Outcome.WaitReason is null || o.Region == waitOn.Region))
            .ToDictionary(o => o.Region, o => o.Outcome.Change!, StringComparer.Ordinal);
        if (changes.Count == 0 && waitOn.Region is null && refused.Region is null)
        {
            return new CampaignStep { HoldClock = clock };
        }

        var next = context.State with { Current = Apply(current, changes) };
        if (refused.Region is not null)
        {
            next = BeginRollback(next, refused.Outcome.Refused!, context.Now);
        }
        else if (waitOn.Region is not null)
        {
            next = next with { Current = next.Current! with { State = CampaignState.WaitingForApproval, Reason = waitOn.Outcome.WaitReason }, ApprovalFor = waitOn.Region };
        }

        return Save(context.State, next, clock, next.Current!.State.IsDriven());
    }

    /// <summary>Every region of the current wave is done: the campaign completes, waits for approval, or starts the next wave.</summary>
    private static CampaignStep WaveDone(MachineContext context)
    {
        var current = context.Current;
        var wave = current.CurrentWave;
        if (wave + 1 >= current.WaveCount)
        {
            return Save(context.State, context.State with { Current = current with { State = CampaignState.Completed, FinishedAt = context.Now } }, context.HoldClock, false);
        }

        if (context.Spec.Approval.Mode == ApprovalMode.Manual)
        {
            var waiting = current with { State = CampaignState.WaitingForApproval, Reason = $"wave {wave + 1} done; approve to start wave {wave + 2}" };
            return Save(context.State, context.State with { Current = waiting, ApprovalFor = null }, context.HoldClock, false);
        }

        return Save(context.State, context.State with { Current = current with { CurrentWave = wave + 1 } }, context.HoldClock, true);
    }

    /// <summary>
    /// Every remaining region at once (the rollback's wall time is about the slowest region's, not the
    /// sum), recorded in one save; a region that failed or still drains is tried again next tick.
    /// </summary>
    private static CampaignStep RollBack(MachineContext context)
    {
        var current = context.Current;
        if (!current.Regions.Any(RollbackMachine.ToRollBack))
        {
            // Everything else is back on Blue; retrying blocked regions forever would only hide them.
            var ended = current.Regions.Any(r => r.RollbackBlocked is not null)
                ? current with { State = CampaignState.RollbackBlocked }
                : current with { State = CampaignState.RolledBack, FinishedAt = context.Now, RollbackDuration = context.Now - current.RollbackStartedAt };
            return Save(context.State, context.State with { Current = ended }, context.HoldClock, false);
        }

        var outcomes = current.Regions.Where(RollbackMachine.ToRollBack).Select(r => (r.Region, Outcome: RollbackMachine.Step(context, r))).ToList();
        if (outcomes.Any(o => o.Outcome.NeedsEffects))
        {
            return new CampaignStep { Effects = [.. outcomes.SelectMany(o => o.Outcome.Run)], HoldClock = context.HoldClock };
        }

        var changes = outcomes.Where(o => o.Outcome.Change is not null).ToDictionary(o => o.Region, o => o.Outcome.Change!, StringComparer.Ordinal);
        if (changes.Count == 0)
        {
            return new CampaignStep { HoldClock = context.HoldClock };
        }

        // The regions are recorded first; once none is left, the next decision ends the rollback. A region
        // just recorded as releasing goes on at once: its release is the rollback's last effect, not a tick's wait.
        var next = Apply(current, changes);
        var releasing = next.Regions.Any(r => r.RollbackReleasing && RollbackMachine.ToRollBack(r));
        return Save(context.State, context.State with { Current = next }, context.HoldClock, releasing || !next.Regions.Any(RollbackMachine.ToRollBack));
    }

    private static CampaignStatus Apply(CampaignStatus status, IReadOnlyDictionary<string, Func<RegionProgress, RegionProgress>> changes) =>
        changes.Count == 0 ? status : status with { Regions = [.. status.Regions.Select(r => changes.TryGetValue(r.Region, out var change) ? change(r) : r)] };

    private static CutoverState BeginRollback(CutoverState state, string reason, DateTimeOffset now) => state with
    {
        Current = state.Current! with { State = CampaignState.RollingBack, Reason = reason, RollbackStartedAt = now },
        ApprovalFor = null,
    };

    private static CampaignStep Save(CutoverState before, CutoverState next, ImmutableDictionary<string, DateTimeOffset> clock, bool @continue) =>
        new() { Next = Stamp(before, next), Continue = @continue, HoldClock = clock };

    /// <summary>Every saved change of a campaign bumps its version, so followers can tell when they missed one.</summary>
    private static CutoverState Stamp(CutoverState before, CutoverState next)
    {
        if (next.Current is not { } changed || ReferenceEquals(changed, before.Current))
        {
            return next;
        }

        var version = before.Current?.CampaignId == changed.CampaignId ? before.Current.Version + 1 : 1;
        return next with { Current = changed with { Version = version } };
    }
}
