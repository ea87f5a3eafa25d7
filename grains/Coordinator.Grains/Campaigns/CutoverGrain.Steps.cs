using Coordinator.Campaigns;
using Coordinator.Fences;

namespace Coordinator.Grains.Campaigns;

/// <summary>The checklist, one idempotent step at a time; each transition is saved before the next step acts.</summary>
public sealed partial class CutoverGrain
{
    private async Task AdvanceRegionAsync(string name)
    {
        var region = Current.Regions.Single(r => r.Region == name);
        var campaign = Current.CampaignId;
        var pointer = GrainFactory.GetGrain<ISwitchoverGrain>(RegionKey.Format(Service, name));
        var now = time.GetUtcNow();

        switch (region.Outcome == RegionOutcome.Pending ? (ChecklistStep?)null : region.Step)
        {
            case null:
                await SaveRegionAsync(name, r => r with { Outcome = RegionOutcome.InProgress, Step = ChecklistStep.Freeze, StepStartedAt = now });
                break;

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
                await SaveRegionAsync(name, r => Advance(r, ChecklistStep.VerifyInvariants, $"froze {r.Fences.Writers.Count} writers, paused {r.Fences.ConsumerGroups.Count} consumer groups, claimed the pointer"));
                break;

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

                await SaveRegionAsync(name, r => Advance(r with { ExpectedEpoch = r.ExpectedEpoch ?? view.Epoch, Blue = r.Blue ?? view.Blue }, ChecklistStep.WarmGreen, "Green matches the target manifest"));
                break;

            case ChecklistStep.WarmGreen:
                await WarmAsync(region, now);
                break;

            case ChecklistStep.Flip:
                var baseline = _telemetry is null ? null : await _telemetry.GetWindowAsync(Service, name, Arm.Blue, now - Spec.HoldOf(WaveOf(region)), now);
                var flip = await pointer.FlipAsync(new FlipRequest
                {
                    Target = Arm.Green,
                    ExpectedEpoch = region.ExpectedEpoch!.Value,
                    Operator = Spec.Operator,
                    Reason = $"campaign {campaign}: {Spec.Reason}",
                    IdempotencyKey = $"{campaign}/{name}/flip",
                    CampaignId = campaign,
                });
                await SaveRegionAsync(name, r => Advance(r with { FlippedEpoch = flip.Epoch, FlippedAt = flip.At, Baseline = baseline }, ChecklistStep.HoldAndWatch, $"flipped to Green at epoch {flip.Epoch}"));
                break;

            case ChecklistStep.HoldAndWatch:
                await HoldAsync(region, now);
                break;

            case ChecklistStep.Unfreeze:
                await UnfreezeAsync(region, pointer);
                break;
        }
    }

    private async Task WarmAsync(RegionProgress region, DateTimeOffset now)
    {
        if (!state.State.SmokeReports.TryGetValue(region.Region, out var received) || received.ReceivedAt < region.StepStartedAt)
        {
            if (now - region.StepStartedAt > Spec.SmokeDeadline)
            {
                throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"no smoke report for Green within {Spec.SmokeDeadline}");
            }

            return;
        }

        var gate = CampaignGate.EvaluateWarm(received.Report, Spec.Gate, Spec.Target);
        switch (gate.Verdict)
        {
            case GateVerdict.Pass:
                await SaveRegionAsync(region.Region, r => Advance(r with { Warm = gate }, ChecklistStep.Flip, "warm gate passed"));
                break;
            case GateVerdict.Fail:
                await SaveRegionAsync(region.Region, r => r with { Warm = gate });
                throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"warm gate failed: {gate.Reason}");
            default:
                await WaitForOperatorAsync(region.Region, r => r with { Warm = gate }, $"{region.Region}: warm gate inconclusive ({gate.Reason}); approve to flip or abort");
                break;
        }
    }

    private async Task HoldAsync(RegionProgress region, DateTimeOffset now)
    {
        var hold = Spec.HoldOf(WaveOf(region));
        var results = region.Hold;
        if (hold > TimeSpan.Zero && _telemetry is not null && now - _lastHoldEvaluation.GetValueOrDefault(region.Region, DateTimeOffset.MinValue) >= HoldEvaluationPeriod && region.Baseline is { } baseline)
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
        switch (decision.Kind)
        {
            case HoldDecisionKind.Passed:
                await SaveRegionAsync(region.Region, r => Advance(r with { Hold = results }, ChecklistStep.Unfreeze, decision.Reason));
                break;
            case HoldDecisionKind.Rollback:
                await SaveRegionAsync(region.Region, r => r with { Hold = results });
                throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"stop rule during hold: {decision.Reason}");
            case HoldDecisionKind.ExtendOnce:
                await SaveRegionAsync(region.Region, r => r with { Hold = results, HoldExtended = true, Note = decision.Reason });
                break;
            case HoldDecisionKind.WaitForOperator:
                await WaitForOperatorAsync(region.Region, r => r with { Hold = results }, $"{region.Region}: hold inconclusive after extending it ({decision.Reason}); approve to continue or abort");
                break;
            default:
                if (!ReferenceEquals(results, region.Hold))
                {
                    await SaveRegionAsync(region.Region, r => r with { Hold = results });
                }

                break;
        }
    }

    private async Task UnfreezeAsync(RegionProgress region, ISwitchoverGrain pointer)
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
                return;
            }

            await Consumers(region.Region, group).ResumeAsync(campaign, Spec.Operator);
        }

        await pointer.ReleaseAsync(campaign, Spec.Operator);
        await SaveRegionAsync(region.Region, r => Advance(r, ChecklistStep.Unfreeze, "writers unfrozen with Green's INDEX_HASH, consumers moved to Green") with { Outcome = RegionOutcome.Done });
    }

    /// <summary>Starts (or follows) an idempotent consumer move; true once it completed, false while it drains.</summary>
    private async Task<bool> MoveConsumersAsync(string region, string group, string toConsumerVer, string key)
    {
        var consumers = Consumers(region, group);
        var move = await consumers.GetMoveAsync(key) ?? await consumers.StartMoveAsync(new MoveRequest
        {
            ToConsumerVer = toConsumerVer,
            IdempotencyKey = key,
            Operator = Spec.Operator,
            Reason = $"campaign {Current.CampaignId}",
        });
        return move.State switch
        {
            MoveState.Completed => true,
            MoveState.Failed => throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"moving consumer group {group} to {toConsumerVer} failed: {move.Reason}"),
            _ => false,
        };
    }

    private async Task WaitForOperatorAsync(string region, Func<RegionProgress, RegionProgress> change, string reason)
    {
        var waiting = WithRegion(Current, region, change) with { State = CampaignState.WaitingForApproval, Reason = reason };
        await SaveAsync(state.State with { Current = waiting, ApprovalFor = region });
    }

    private Task SaveRegionAsync(string region, Func<RegionProgress, RegionProgress> change) =>
        SaveAsync(state.State with { Current = WithRegion(Current, region, change) });

    private WaveSpec WaveOf(RegionProgress region) => Spec.Waves[region.WaveIndex];

    private ILeaseGrain Lease(string region, string writer) => GrainFactory.GetGrain<ILeaseGrain>(FenceKey.Format(Service, region, writer));

    private IConsumerPointerGrain Consumers(string region, string group) => GrainFactory.GetGrain<IConsumerPointerGrain>(FenceKey.Format(Service, region, group));
}
