using System.Collections.Immutable;
using Coordinator.Fences;

namespace Coordinator.Campaigns.Machine;

/// <summary>
/// The seed's checklist for one region, one step at a time: Freeze → Verify invariants → Warm Green →
/// Flip → Hold and watch → Unfreeze. A step asks for its effects, then decides on their answers.
/// </summary>
internal static class ChecklistMachine
{
    private const int MaxHoldResults = 30;
    private static readonly TimeSpan HoldEvaluationPeriod = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A gap between two readings of Green's window longer than this was an outage (the campaign's host
    /// died, Green's window could not be read), not a slow tick: the hold did not watch during it.
    /// </summary>
    public static readonly TimeSpan HoldUnobservedAfter = TimeSpan.FromSeconds(5);

    public static StepOutcome Step(MachineContext context, RegionProgress region) =>
        (region.Outcome == RegionOutcome.Pending ? (ChecklistStep?)null : region.Step) switch
        {
            null => StepOutcome.Record(r => r with { Outcome = RegionOutcome.InProgress, Step = ChecklistStep.Freeze, StepStartedAt = context.Now }),
            ChecklistStep.Freeze => Freeze(context, region),
            ChecklistStep.VerifyInvariants => Verify(context, region),
            ChecklistStep.WarmGreen => Warm(context, region),
            ChecklistStep.Flip => Flip(context, region),
            ChecklistStep.HoldAndWatch => Hold(context, region),
            ChecklistStep.Unfreeze => Unfreeze(context, region),
            _ => StepOutcome.Waiting,
        };

    /// <summary>
    /// Writers first, then consumers and the claim, as the checklist reads: by the time the step is
    /// recorded the freeze has had the other calls' time to reach the writers' sinks (their guards
    /// drop a cached validation when the lease stream announces the freeze).
    /// </summary>
    private static StepOutcome Freeze(MachineContext context, RegionProgress region)
    {
        var name = region.Region;
        var writers = context.Results.Need(region.Fences.Writers.Select(w => new FreezeWriter(name, w)));
        if (StepOutcome.Unless(writers, name, refusalStops: true) is { } freezing)
        {
            return freezing;
        }

        var rest = context.Results.Need([.. region.Fences.ConsumerGroups.Select(g => new PauseConsumers(name, g)), new ClaimPointer(name)]);
        return StepOutcome.Unless(rest, name, refusalStops: true)
            ?? StepOutcome.Record(r => context.Advance(r, ChecklistStep.VerifyInvariants,
                $"froze {r.Fences.Writers.Count} writers, paused {r.Fences.ConsumerGroups.Count} consumer groups, claimed the pointer"));
    }

    private static StepOutcome Verify(MachineContext context, RegionProgress region)
    {
        var name = region.Region;
        var needs = context.Results.Need([new ReadPointer(name)]);
        if (StepOutcome.Unless(needs, name, refusalStops: true) is { } meanwhile)
        {
            return meanwhile;
        }

        var view = needs.Value<ActiveArmView>(0);
        var differences = ManifestDiff.Compare(context.Spec.Target, view.Green);
        if (differences.Count > 0)
        {
            return StepOutcome.Refuse($"{name}: Green's registered manifest differs from the campaign's target: {ManifestDiff.Describe(differences)}");
        }

        if (view.ActiveArm != Arm.Blue && region.ExpectedEpoch is null)
        {
            return StepOutcome.Refuse($"{name}: {name} already serves Green (epoch {view.Epoch}); nothing to cut over");
        }

        return StepOutcome.Record(r => context.Advance(r with { ExpectedEpoch = r.ExpectedEpoch ?? view.Epoch, Blue = r.Blue ?? view.Blue },
            ChecklistStep.WarmGreen, "Green matches the target manifest"));
    }

    /// <summary>
    /// Judges the region's smoke report: one submitted from outside since the step started, or, when the
    /// spec names a gold set and none came, the coordinator's own run against Green (same gate either way).
    /// The run goes on off the grain's turn (it takes seconds): while it is in flight the step waits (the run has
    /// the smoke deadline as its own bound); a run that could not finish is tried again next tick until the deadline.
    /// </summary>
    private static StepOutcome Warm(MachineContext context, RegionProgress region)
    {
        var spec = context.Spec;
        var late = context.Now - region.StepStartedAt > spec.SmokeDeadline;
        WarmEvaluation? evaluation = null;
        SmokeReport report;
        if (context.State.SmokeReports.TryGetValue(region.Region, out var received) && received.ReceivedAt >= region.StepStartedAt)
        {
            report = received.Report;
        }
        else if (spec.Warm is null)
        {
            return late ? StepOutcome.Refuse($"{region.Region}: no smoke report for Green within {spec.SmokeDeadline}") : StepOutcome.Waiting;
        }
        else
        {
            var run = new EvaluateWarm(region.Region, region.StepStartedAt ?? context.Now);
            if (!context.Results.TryGet(run, out var answer))
            {
                return new StepOutcome { Run = [run] };
            }

            if (answer.Refused is { } refused)
            {
                return StepOutcome.Refuse($"{region.Region}: the coordinator's evaluator could not run: {refused}");
            }

            if (answer.Pending is not null)
            {
                return StepOutcome.Waiting;
            }

            if (answer.Failed is { } failed)
            {
                return late
                    ? StepOutcome.Refuse($"{region.Region}: no smoke report for Green within {spec.SmokeDeadline}; the coordinator's evaluator failed: {failed}")
                    : StepOutcome.Waiting;
            }

            var done = (WarmRun)answer.Value!;
            (report, evaluation) = (done.Report, done.Evaluation);
        }

        var gate = CampaignGate.EvaluateWarm(report, spec.Gate, spec.Target);
        var because = evaluation is { FailedCalls: > 0 } e ? $" ({e.FailedCalls} of {e.Calls} calls to Green failed: {e.FirstError})" : string.Empty;
        RegionProgress Keep(RegionProgress r) => r with { Warm = gate, WarmEvaluation = evaluation ?? r.WarmEvaluation };
        return gate.Verdict switch
        {
            GateVerdict.Pass => StepOutcome.Record(r => context.Advance(Keep(r), ChecklistStep.Flip, "warm gate passed")),
            GateVerdict.Fail => StepOutcome.Refuse($"{region.Region}: warm gate failed: {gate.Reason}{because}", Keep),
            _ => new StepOutcome
            {
                Change = Keep,
                WaitReason = $"{region.Region}: warm gate inconclusive ({gate.Reason}{because}); approve to flip or abort",
            },
        };
    }

    /// <summary>Blue's baseline first (what the hold compares Green with), then the compare-and-set flip.</summary>
    private static StepOutcome Flip(MachineContext context, RegionProgress region)
    {
        var name = region.Region;
        var now = context.TickStartedAt;
        var baseline = context.Results.Need([new ReadTelemetry(name, Arm.Blue, now - context.Spec.BaselineOf(context.WaveOf(region)), now)]);
        if (StepOutcome.Unless(baseline, name, refusalStops: true) is { } meanwhile)
        {
            return meanwhile;
        }

        var flip = context.Results.Need([new FlipPointer(name, new FlipRequest
        {
            Target = Arm.Green,
            ExpectedEpoch = region.ExpectedEpoch!.Value,
            Operator = context.Spec.Operator,
            Reason = $"campaign {context.CampaignId}: {context.Spec.Reason}",
            IdempotencyKey = $"{context.CampaignId}/{name}/flip",
            CampaignId = context.CampaignId,
        })]);
        if (StepOutcome.Unless(flip, name, refusalStops: true) is { } notYet)
        {
            return notYet;
        }

        var window = (TelemetryWindow?)baseline.Values[0];
        var flipped = flip.Value<FlipResult>(0);
        return StepOutcome.Record(r => context.Advance(r with { FlippedEpoch = flipped.Epoch, FlippedAt = flipped.At, Baseline = window },
            ChecklistStep.HoldAndWatch, $"flipped to Green at epoch {flipped.Epoch}"));
    }

    private static StepOutcome Hold(MachineContext context, RegionProgress region)
    {
        var now = context.TickStartedAt;
        var spec = context.Spec;
        var hold = spec.HoldOf(context.WaveOf(region));
        var results = region.Hold;
        var observedAt = region.HoldObservedAt;
        var unobserved = region.HoldUnobserved;
        var evaluated = false;
        if (hold > TimeSpan.Zero && region.Baseline is { } baseline
            && now - context.HoldClock.GetValueOrDefault(region.Region, DateTimeOffset.MinValue) >= HoldEvaluationPeriod)
        {
            var read = new ReadTelemetry(region.Region, Arm.Green, region.FlippedAt!.Value, now);
            if (!context.Results.TryGet(read, out var answer))
            {
                return new StepOutcome { Run = [read] };
            }

            // A failed read counts as this second's evaluation too: it is tried again in a second, not at once.
            evaluated = true;
            if (answer.Failed is not null || answer.Refused is not null)
            {
                return StepOutcome.Waiting with { HoldEvaluated = true };
            }

            if (answer.Value is TelemetryWindow window)
            {
                results = results.Add(CampaignGate.EvaluateHold(window, baseline, spec.Gate, spec.StopRules, spec.Target, spec.Judge));
                if (results.Count > MaxHoldResults)
                {
                    results = results.RemoveRange(0, results.Count - MaxHoldResults);
                }

                observedAt = Observe(region, now, context.HoldClock, ref unobserved);
            }
        }

        var decision = HoldRules.Decide(results, region.FlippedAt!.Value, hold, region.HoldExtended, context.Now, unobserved);
        RegionProgress Watched(RegionProgress r) => r with { Hold = results, HoldObservedAt = observedAt, HoldUnobserved = unobserved };
        var outcome = decision.Kind switch
        {
            HoldDecisionKind.Passed => StepOutcome.Record(r => context.Advance(Watched(r), ChecklistStep.Unfreeze, decision.Reason)),
            HoldDecisionKind.Rollback => StepOutcome.Refuse($"{region.Region}: stop rule during hold: {decision.Reason}", Watched),
            HoldDecisionKind.ExtendOnce => StepOutcome.Record(r => Watched(r) with { HoldExtended = true, Note = decision.Reason }),
            HoldDecisionKind.WaitForOperator => new StepOutcome
            {
                Change = Watched,
                WaitReason = $"{region.Region}: hold inconclusive after extending it ({decision.Reason}); approve to continue or abort",
            },
            _ when !ReferenceEquals(results, region.Hold) => StepOutcome.Record(Watched),
            _ => StepOutcome.Waiting,
        };
        return outcome with { HoldEvaluated = evaluated };
    }

    /// <summary>
    /// A reading of Green's window recorded at <paramref name="now"/>. Since the last recorded one the hold
    /// went unwatched or unrecorded for longer than a slow tick (its host died, storage did not answer,
    /// Green's window could not be read): that time moves the hold's end out, so the hold is not decided
    /// on the evidence from before. The activation's own pace (slow under load, or a test's coarse
    /// clock) is not an outage; a new activation has none, and reads about once a second.
    /// </summary>
    private static DateTimeOffset Observe(RegionProgress region, DateTimeOffset now, ImmutableDictionary<string, DateTimeOffset> holdClock, ref TimeSpan unobserved)
    {
        if (region.HoldObservedAt is { } last)
        {
            var gap = now - last;
            var pace = holdClock.TryGetValue(region.Region, out var previous) ? now - previous : HoldEvaluationPeriod;
            if (gap > HoldUnobservedAfter && gap > 2 * pace)
            {
                unobserved += gap - pace;
            }
        }

        return now;
    }

    /// <summary>Writers onto Green's INDEX_HASH and consumers moved to Green's CONSUMER_VER; then resume and release.</summary>
    private static StepOutcome Unfreeze(MachineContext context, RegionProgress region)
    {
        var name = region.Region;
        var target = context.Spec.Target;
        var groups = region.Fences.ConsumerGroups;
        var moves = context.Results.Need([
            .. groups.Select(g => context.Move(name, g, target.ConsumerVer, $"{context.CampaignId}/{name}/{g}/move")),
            .. region.Fences.Writers.Select(w => new UnfreezeWriter(name, w, target.IndexHash))]);
        if (StepOutcome.Unless(moves, name, refusalStops: true) is { } meanwhile)
        {
            return meanwhile;
        }

        for (var i = 0; i < groups.Count; i++)
        {
            var move = moves.Value<MoveStatus>(i);
            if (move.State == MoveState.Failed)
            {
                return StepOutcome.Refuse($"{name}: moving consumer group {groups[i]} to {target.ConsumerVer} failed: {move.Reason}");
            }

            if (move.State != MoveState.Completed)
            {
                return StepOutcome.Waiting;
            }
        }

        var resumed = context.Results.Need([.. groups.Select(g => new ResumeConsumers(name, g)), new ReleasePointer(name)]);
        return StepOutcome.Unless(resumed, name, refusalStops: true)
            ?? StepOutcome.Record(r => context.Advance(r, ChecklistStep.Unfreeze, "writers unfrozen with Green's INDEX_HASH, consumers moved to Green") with
            {
                Outcome = RegionOutcome.Done,
            });
    }
}
