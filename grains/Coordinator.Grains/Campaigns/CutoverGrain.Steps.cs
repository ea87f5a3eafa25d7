using Coordinator.Campaigns;
using Coordinator.Fences;

namespace Coordinator.Grains.Campaigns;

/// <summary>
/// The checklist, one idempotent step at a time. A step does its work and says what to record; the
/// caller saves the records of every region that moved before any region takes its next step.
/// </summary>
public sealed partial class CutoverGrain
{
    /// <summary>One step of one region: what to record, and whether it refuses (rollback) or needs an operator.</summary>
    private sealed record StepOutcome(Func<RegionProgress, RegionProgress>? Change = null, string? Refused = null, string? WaitReason = null)
    {
        /// <summary>Nothing to record: the region waits (for a smoke report, the hold, a drain) or its step failed and is retried.</summary>
        public static readonly StepOutcome Waiting = new();
    }

    private async Task<StepOutcome> TryAdvanceRegionAsync(string name)
    {
        try
        {
            return await AdvanceRegionAsync(name);
        }
        catch (CoordinatorException refused)
        {
            return new StepOutcome(Refused: $"{name}: {refused.Message}");
        }
        catch (Exception ex)
        {
            // A call to a region failed (e.g. a silo is down): every step is idempotent, so it is retried next tick.
            LogStepFailed(logger, ex, Service, Current.CampaignId);
            return StepOutcome.Waiting;
        }
    }

    private async Task<StepOutcome> AdvanceRegionAsync(string name)
    {
        var region = Current.Regions.Single(r => r.Region == name);
        var campaign = Current.CampaignId;
        var pointer = GrainFactory.GetGrain<ISwitchoverGrain>(RegionKey.Format(Service, name));
        var now = time.GetUtcNow();

        switch (region.Outcome == RegionOutcome.Pending ? (ChecklistStep?)null : region.Step)
        {
            case null:
                return new StepOutcome(r => r with { Outcome = RegionOutcome.InProgress, Step = ChecklistStep.Freeze, StepStartedAt = now });

            case ChecklistStep.Freeze:
                foreach (var writer in region.Fences.Writers)
                {
                    await Lease(name, writer).FreezeAsync(campaign, Spec.Operator);
                }

                foreach (var group in region.Fences.ConsumerGroups)
                {
                    await Consumers(name, group).PauseAsync(campaign, Spec.Operator);
                }

                await pointer.ClaimAsync(campaign, Spec.Operator);
                return new StepOutcome(r => Advance(r, ChecklistStep.VerifyInvariants, $"froze {r.Fences.Writers.Count} writers, paused {r.Fences.ConsumerGroups.Count} consumer groups, claimed the pointer"));

            case ChecklistStep.VerifyInvariants:
                var view = await pointer.GetActiveArmAsync();
                var differences = ManifestDiff.Compare(Spec.Target, view.Green);
                if (differences.Count > 0)
                {
                    throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"Green's registered manifest differs from the campaign's target: {ManifestDiff.Describe(differences)}");
                }

                if (view.ActiveArm != Arm.Blue && region.ExpectedEpoch is null)
                {
                    throw new CoordinatorException(CoordinatorErrorCode.ArmAlreadyActive, $"{name} already serves Green (epoch {view.Epoch}); nothing to cut over");
                }

                return new StepOutcome(r => Advance(r with { ExpectedEpoch = r.ExpectedEpoch ?? view.Epoch, Blue = r.Blue ?? view.Blue }, ChecklistStep.WarmGreen, "Green matches the target manifest"));

            case ChecklistStep.WarmGreen:
                return Warm(region, now);

            case ChecklistStep.Flip:
                var baseline = _telemetry is null ? null : await _telemetry.GetWindowAsync(Service, name, Arm.Blue, now - Spec.BaselineOf(WaveOf(region)), now);
                var flip = await pointer.FlipAsync(new FlipRequest
                {
                    Target = Arm.Green,
                    ExpectedEpoch = region.ExpectedEpoch!.Value,
                    Operator = Spec.Operator,
                    Reason = $"campaign {campaign}: {Spec.Reason}",
                    IdempotencyKey = $"{campaign}/{name}/flip",
                    CampaignId = campaign,
                });
                return new StepOutcome(r => Advance(r with { FlippedEpoch = flip.Epoch, FlippedAt = flip.At, Baseline = baseline }, ChecklistStep.HoldAndWatch, $"flipped to Green at epoch {flip.Epoch}"));

            case ChecklistStep.HoldAndWatch:
                return await HoldAsync(region, now);

            case ChecklistStep.Unfreeze:
                return await UnfreezeAsync(region, pointer);

            default:
                return StepOutcome.Waiting;
        }
    }

    private StepOutcome Warm(RegionProgress region, DateTimeOffset now)
    {
        if (!state.State.SmokeReports.TryGetValue(region.Region, out var received) || received.ReceivedAt < region.StepStartedAt)
        {
            if (now - region.StepStartedAt > Spec.SmokeDeadline)
            {
                return new StepOutcome(Refused: $"{region.Region}: no smoke report for Green within {Spec.SmokeDeadline}");
            }

            return StepOutcome.Waiting;
        }

        var gate = CampaignGate.EvaluateWarm(received.Report, Spec.Gate, Spec.Target);
        return gate.Verdict switch
        {
            GateVerdict.Pass => new StepOutcome(r => Advance(r with { Warm = gate }, ChecklistStep.Flip, "warm gate passed")),
            GateVerdict.Fail => new StepOutcome(r => r with { Warm = gate }, Refused: $"{region.Region}: warm gate failed: {gate.Reason}"),
            _ => new StepOutcome(r => r with { Warm = gate }, WaitReason: $"{region.Region}: warm gate inconclusive ({gate.Reason}); approve to flip or abort"),
        };
    }

    private async Task<StepOutcome> HoldAsync(RegionProgress region, DateTimeOffset now)
    {
        var hold = Spec.HoldOf(WaveOf(region));
        var results = region.Hold;
        if (hold > TimeSpan.Zero && _telemetry is not null && now - _lastHoldEvaluation.GetValueOrDefault(region.Region, DateTimeOffset.MinValue) >= HoldEvaluationPeriod
            && region.Baseline is { } baseline)
        {
            _lastHoldEvaluation[region.Region] = now;
            var window = await _telemetry.GetWindowAsync(Service, region.Region, Arm.Green, region.FlippedAt!.Value, now);
            if (window is not null)
            {
                var gate = CampaignGate.EvaluateHold(window, baseline, Spec.Gate, Spec.StopRules, Spec.Target);
                results = results.Add(gate);
                if (results.Count > MaxHoldResults)
                {
                    results = results.RemoveRange(0, results.Count - MaxHoldResults);
                }
            }
        }

        var decision = HoldRules.Decide(results, region.FlippedAt!.Value, hold, region.HoldExtended, now);
        return decision.Kind switch
        {
            HoldDecisionKind.Passed => new StepOutcome(r => Advance(r with { Hold = results }, ChecklistStep.Unfreeze, decision.Reason)),
            HoldDecisionKind.Rollback => new StepOutcome(r => r with { Hold = results }, Refused: $"{region.Region}: stop rule during hold: {decision.Reason}"),
            HoldDecisionKind.ExtendOnce => new StepOutcome(r => r with { Hold = results, HoldExtended = true, Note = decision.Reason }),
            HoldDecisionKind.WaitForOperator => new StepOutcome(r => r with { Hold = results },
                WaitReason: $"{region.Region}: hold inconclusive after extending it ({decision.Reason}); approve to continue or abort"),
            _ when !ReferenceEquals(results, region.Hold) => new StepOutcome(r => r with { Hold = results }),
            _ => StepOutcome.Waiting,
        };
    }

    private async Task<StepOutcome> UnfreezeAsync(RegionProgress region, ISwitchoverGrain pointer)
    {
        var campaign = Current.CampaignId;
        foreach (var writer in region.Fences.Writers)
        {
            await Lease(region.Region, writer).UnfreezeAsync(campaign, Spec.Target.IndexHash, Spec.Operator);
        }

        foreach (var group in region.Fences.ConsumerGroups)
        {
            if (!await MoveConsumersAsync(region.Region, group, Spec.Target.ConsumerVer, $"{campaign}/{region.Region}/{group}/move"))
            {
                return StepOutcome.Waiting;
            }

            await Consumers(region.Region, group).ResumeAsync(campaign, Spec.Operator);
        }

        await pointer.ReleaseAsync(campaign, Spec.Operator);
        return new StepOutcome(r => Advance(r, ChecklistStep.Unfreeze, "writers unfrozen with Green's INDEX_HASH, consumers moved to Green") with { Outcome = RegionOutcome.Done });
    }

    /// <summary>Starts (or follows) an idempotent consumer move; true once it completed, false while it drains.</summary>
    private async Task<bool> MoveConsumersAsync(string region, string group, string toConsumerVer, string key)
    {
        var move = await StartOrFollowMoveAsync(Consumers(region, group), toConsumerVer, key);
        return move.State switch
        {
            MoveState.Completed => true,
            MoveState.Failed => throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"moving consumer group {group} to {toConsumerVer} failed: {move.Reason}"),
            _ => false,
        };
    }

    private async Task<MoveStatus> StartOrFollowMoveAsync(IConsumerPointerGrain consumers, string toConsumerVer, string key) =>
        await consumers.GetMoveAsync(key) ?? await consumers.StartMoveAsync(new MoveRequest
        {
            ToConsumerVer = toConsumerVer,
            IdempotencyKey = key,
            Operator = Spec.Operator,
            Reason = $"campaign {Current.CampaignId}",
            DrainTimeout = Spec.ConsumerDrainTimeout,
        });

    private WaveSpec WaveOf(RegionProgress region) => Spec.Waves[region.WaveIndex];

    private ILeaseGrain Lease(string region, string writer) => GrainFactory.GetGrain<ILeaseGrain>(FenceKey.Format(Service, region, writer));

    private IConsumerPointerGrain Consumers(string region, string group) => GrainFactory.GetGrain<IConsumerPointerGrain>(FenceKey.Format(Service, region, group));
}
