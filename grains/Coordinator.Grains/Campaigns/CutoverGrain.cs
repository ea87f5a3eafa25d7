using System.Collections.Immutable;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using Coordinator.Domain;
using Coordinator.Fences;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;

namespace Coordinator.Grains.Campaigns;

/// <summary>
/// Walks one campaign at a time through its waves and each region through the checklist. A grain
/// timer drives progress; a reminder wakes the grain after a silo crash. Every step transition is
/// persisted before the next step acts, and every step is idempotent (freezes and claims per
/// campaign, flips by compare-and-set with the campaign's idempotency key), so a step resumed after a
/// crash never flips twice.
/// </summary>
public sealed partial class CutoverGrain(
    [PersistentState("cutover", StorageNames.Coordinator)] IPersistentState<CutoverState> state,
    TimeProvider time,
    IServiceProvider services,
    ILogger<CutoverGrain> logger) : Grain, ICutoverGrain, IRemindable
{
    private const string WakeReminder = "campaign-wake";
    private const int MaxFinished = 20;
    private const int MaxHoldResults = 30;
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan HoldEvaluationPeriod = TimeSpan.FromSeconds(1);

    private readonly ICampaignTelemetry? _telemetry = services.GetService<ICampaignTelemetry>();
    private IGrainTimer? _timer;
    private IAsyncStream<CampaignChange>? _events;

    // Per region: one grain-wide time let the first held region of a wave take every evaluation,
    // so the others never saw a stop rule and could only end inconclusive.
    private readonly Dictionary<string, DateTimeOffset> _lastHoldEvaluation = new(StringComparer.Ordinal);

    private string Service => this.GetPrimaryKeyString();

    private CampaignSpec Spec => state.State.Spec!;

    private CampaignStatus Current => state.State.Current!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsActive(state.State.Current))
        {
            EnsureTimer();
        }

        return Task.CompletedTask;
    }

    async Task<CampaignStatus> ICutoverGrain.StartAsync(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Service != Service)
        {
            throw new InvalidInputException("$.service", $"'{spec.Service}' is not this coordinator's service '{Service}'");
        }

        var fingerprint = CampaignSpecWriter.Fingerprint(spec);
        var existing = FindCampaign(spec.CampaignId);
        if (existing is not null)
        {
            return existing.SpecFingerprint == fingerprint ? existing : throw new IdempotencyKeyConflictException(spec.CampaignId);
        }

        if (IsActive(state.State.Current))
        {
            throw new CoordinatorException(CoordinatorErrorCode.CampaignRunning,
                $"campaign '{Current.CampaignId}' is running for {Service}; finish, abort or roll it back first");
        }

        var regions = await GrainFactory.GetGrain<IServiceDirectoryGrain>(Service).GetRegionsAsync();
        CampaignSpecValidator.ThrowIfInvalid(spec, regions.ToHashSet(StringComparer.Ordinal));
        var plan = CampaignPlanner.Plan(spec);
        var status = new CampaignStatus
        {
            CampaignId = spec.CampaignId,
            Service = Service,
            State = CampaignState.Running,
            CurrentWave = 0,
            WaveCount = plan.Waves.Count,
            Regions = [.. plan.Regions.Select(r => new RegionProgress { Region = r.Region, WaveIndex = r.WaveIndex, Fences = r.Fences })],
            StartedAt = time.GetUtcNow(),
            StartedBy = spec.Operator,
            SpecFingerprint = fingerprint,
        };

        var finished = state.State.Current is { } previous ? Archive(previous) : state.State.Finished;
        await SaveAsync(new CutoverState { Spec = spec, Current = status, Finished = finished });
        await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        LogStarted(logger, Service, spec.CampaignId, plan.Regions.Count, plan.Waves.Count);
        EnsureTimer();
        return Current;
    }

    Task<CampaignStatus?> ICutoverGrain.GetStatusAsync(string campaignId) => Task.FromResult(FindCampaign(campaignId));

    Task<IReadOnlyList<CampaignStatus>> ICutoverGrain.ListAsync() =>
        Task.FromResult<IReadOnlyList<CampaignStatus>>(state.State.Current is { } current ? [.. state.State.Finished, current] : state.State.Finished);

    async Task ICutoverGrain.SubmitSmokeReportAsync(string campaignId, SmokeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        RequireCurrent(campaignId);
        var errors = SmokeReportValidator.Validate(report);
        NameRules.ThrowIfAny(errors);
        if (Current.Regions.All(r => r.Region != report.Region))
        {
            throw new InvalidInputException("region", $"'{report.Region}' is not part of campaign '{campaignId}'");
        }

        var received = new ReceivedSmokeReport(report, time.GetUtcNow());
        await SaveAsync(state.State with { SmokeReports = state.State.SmokeReports.SetItem(report.Region, received) });
    }

    async Task<CampaignStatus> ICutoverGrain.ApproveAsync(string campaignId, string approver, string reason)
    {
        RequireCurrent(campaignId);
        var errors = new List<FieldError>();
        NameRules.CheckText("approver", approver, Limits.MaxOperatorLength, errors);
        NameRules.CheckText("reason", reason, Limits.MaxReasonLength, errors);
        if (Spec.Approval.RequireDistinctApprover && string.Equals(approver, Current.StartedBy, StringComparison.Ordinal))
        {
            errors.Add(new FieldError("approver", $"'{approver}' started this campaign; the two-person rule needs someone else to approve"));
        }

        NameRules.ThrowIfAny(errors);
        if (Current.State != CampaignState.WaitingForApproval)
        {
            throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"campaign '{campaignId}' is {Current.State}, not waiting for approval");
        }

        var approved = Current with { State = CampaignState.Running, Reason = null, Approvals = Current.Approvals.Add($"{approver}: {reason}") };
        var waitingOn = state.State.ApprovalFor;
        approved = waitingOn is null
            ? approved with { CurrentWave = approved.CurrentWave + 1 }
            : WithRegion(approved, waitingOn, r => Advance(r, r.Step == ChecklistStep.WarmGreen ? ChecklistStep.Flip : ChecklistStep.Unfreeze, $"approved by {approver}"));
        await SaveAsync(state.State with { Current = approved, ApprovalFor = null });
        LogApproved(logger, Service, campaignId, approver);
        EnsureTimer();
        return Current;
    }

    async Task<CampaignStatus> ICutoverGrain.AbortAsync(string campaignId, string operatorName, string reason)
    {
        RequireCommand(campaignId, operatorName, reason);
        if (Current.State is CampaignState.Running or CampaignState.WaitingForApproval or CampaignState.Paused)
        {
            await BeginRollbackAsync($"aborted by {operatorName}: {reason}");
        }

        return Current;
    }

    async Task<CampaignStatus> ICutoverGrain.PauseAsync(string campaignId, string operatorName, string reason)
    {
        RequireCommand(campaignId, operatorName, reason);
        if (Current.State == CampaignState.Running)
        {
            await SaveAsync(state.State with { Current = Current with { State = CampaignState.Paused, Reason = $"paused by {operatorName}: {reason}" } });
        }
        else if (Current.State != CampaignState.Paused)
        {
            throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"campaign '{campaignId}' is {Current.State}; only a running campaign can be paused");
        }

        return Current;
    }

    async Task<CampaignStatus> ICutoverGrain.ResumeAsync(string campaignId, string operatorName, string reason)
    {
        RequireCommand(campaignId, operatorName, reason);
        if (Current.State == CampaignState.Paused)
        {
            await SaveAsync(state.State with { Current = Current with { State = CampaignState.Running, Reason = null } });
            EnsureTimer();
        }
        else if (Current.State != CampaignState.Running)
        {
            throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"campaign '{campaignId}' is {Current.State}; only a paused campaign can be resumed");
        }

        return Current;
    }

    async Task<CampaignStatus> ICutoverGrain.RollbackAsync(string campaignId, string operatorName, string reason)
    {
        RequireCommand(campaignId, operatorName, reason);
        // Done regions go back the same way a stop takes them: flip, fences, consumers.
        if (Current.State is CampaignState.Completed or CampaignState.Running or CampaignState.WaitingForApproval or CampaignState.Paused)
        {
            await BeginRollbackAsync($"rolled back by {operatorName}: {reason}");
        }
        else if (Current.State == CampaignState.RollbackBlocked)
        {
            // The operator fixed what blocked it (or moved the consumers by hand): try those regions again.
            LogRollbackRetried(logger, Service, campaignId, operatorName);
            var retried = Current with
            {
                State = CampaignState.RollingBack,
                Regions = [.. Current.Regions.Select(r => r.RollbackBlocked is null ? r : r with { RollbackBlocked = null, Note = $"rollback retried by {operatorName}: {reason}" })],
            };
            await SaveAsync(state.State with { Current = retried });
            await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            EnsureTimer();
        }

        return Current;
    }

    private void RequireCommand(string campaignId, string operatorName, string reason)
    {
        RequireCurrent(campaignId);
        var errors = new List<FieldError>();
        NameRules.CheckText("operator", operatorName, Limits.MaxOperatorLength, errors);
        NameRules.CheckText("reason", reason, Limits.MaxReasonLength, errors);
        NameRules.ThrowIfAny(errors);
    }

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        EnsureTimer();
        return Task.CompletedTask;
    }

    private void EnsureTimer() =>
        _timer ??= this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TickPeriod, TickPeriod) { Interleave = false, KeepAlive = true });

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            switch (state.State.Current?.State)
            {
                case CampaignState.Running:
                    await AdvanceWaveAsync();
                    break;
                case CampaignState.RollingBack:
                    await RollBackAsync();
                    break;
                case CampaignState.WaitingForApproval or CampaignState.Paused or CampaignState.RollbackBlocked:
                    break;
                default:
                    await StopDrivingAsync();
                    break;
            }
        }
        catch (InconsistentStateException)
        {
            // Another activation moved the campaign on; SaveAsync has already re-read its state,
            // so the next tick decides again on it.
            LogConflict(logger, Service);
        }
        catch (Exception ex)
        {
            // A call to a region failed (e.g. a silo is down) or a rollback step was refused: every
            // step is idempotent, so it is retried on the next tick.
            LogStepFailed(logger, ex, Service, state.State.Current?.CampaignId ?? "-");
        }
    }

    private async Task StopDrivingAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Moves the current wave's regions on as far as they can go without waiting, then starts the next
    /// wave at once if nothing gates it. The regions step together, in rounds: each takes its next step
    /// (they are separate grains), then one save records every region that moved before any acts again.
    /// </summary>
    private async Task AdvanceWaveAsync()
    {
        for (var waves = 0; waves < Current.WaveCount && Current.State == CampaignState.Running; waves++)
        {
            var wave = Current.CurrentWave;
            for (var round = 0; round <= ChecklistSteps.All.Count && Current.State == CampaignState.Running; round++)
            {
                var active = Current.Regions.Where(r => r.WaveIndex == wave && r.Outcome is RegionOutcome.Pending or RegionOutcome.InProgress).Select(r => r.Region).ToList();
                var outcomes = (await Task.WhenAll(active.Select(TryAdvanceRegionAsync))).Zip(active, (outcome, region) => (Region: region, Outcome: outcome)).ToList();
                if (!await RecordRoundAsync(outcomes))
                {
                    break;
                }
            }

            if (Current.State != CampaignState.Running || Current.Regions.Any(r => r.WaveIndex == wave && r.Outcome != RegionOutcome.Done))
            {
                return;
            }

            if (wave + 1 >= Current.WaveCount)
            {
                await SaveAsync(state.State with { Current = Current with { State = CampaignState.Completed, FinishedAt = time.GetUtcNow() } });
                LogFinished(logger, Service, Current.CampaignId, CampaignState.Completed, null);
                return;
            }

            if (Spec.Approval.Mode == ApprovalMode.Manual)
            {
                await SaveAsync(state.State with
                {
                    Current = Current with { State = CampaignState.WaitingForApproval, Reason = $"wave {wave + 1} done; approve to start wave {wave + 2}" },
                    ApprovalFor = null,
                });
                return;
            }

            await SaveAsync(state.State with { Current = Current with { CurrentWave = wave + 1 } });
        }
    }

    /// <summary>
    /// Saves one round: every region's record, and what ends the run. A refusal rolls the campaign back
    /// (after recording what the other regions did); a region that needs an operator makes the campaign
    /// wait on it alone, and any other that asked too asks again after the approval.
    /// </summary>
    /// <returns>Whether anything moved, so another round may move further.</returns>
    private async Task<bool> RecordRoundAsync(IReadOnlyList<(string Region, StepOutcome Outcome)> outcomes)
    {
        var refused = outcomes.FirstOrDefault(o => o.Outcome.Refused is not null);
        var waitOn = refused.Region is null ? outcomes.FirstOrDefault(o => o.Outcome.WaitReason is not null) : default;
        var changes = outcomes
            .Where(o => o.Outcome.Change is not null && (o.Outcome.WaitReason is null || o.Region == waitOn.Region))
            .ToDictionary(o => o.Region, o => o.Outcome.Change!, StringComparer.Ordinal);
        if (changes.Count > 0 || waitOn.Region is not null)
        {
            var next = Current with { Regions = [.. Current.Regions.Select(r => changes.TryGetValue(r.Region, out var change) ? change(r) : r)] };
            if (waitOn.Region is not null)
            {
                next = next with { State = CampaignState.WaitingForApproval, Reason = waitOn.Outcome.WaitReason };
            }

            await SaveAsync(state.State with { Current = next, ApprovalFor = waitOn.Region ?? state.State.ApprovalFor });
        }

        if (refused.Region is not null)
        {
            await BeginRollbackAsync(refused.Outcome.Refused!);
            return false;
        }

        return changes.Count > 0 && Current.State == CampaignState.Running;
    }

    private CampaignStatus? FindCampaign(string campaignId) =>
        state.State.Current?.CampaignId == campaignId ? state.State.Current : state.State.Finished.FindLast(c => c.CampaignId == campaignId);

    private void RequireCurrent(string campaignId)
    {
        if (state.State.Current?.CampaignId != campaignId)
        {
            throw new InvalidInputException("campaign", $"'{campaignId}' is not the current campaign of {Service}");
        }
    }

    private ImmutableList<CampaignStatus> Archive(CampaignStatus finished)
    {
        var list = state.State.Finished.Add(finished);
        return list.Count > MaxFinished ? list.RemoveRange(0, list.Count - MaxFinished) : list;
    }

    private static bool IsActive(CampaignStatus? status) =>
        status?.State is CampaignState.Running or CampaignState.WaitingForApproval or CampaignState.Paused or CampaignState.RollingBack or CampaignState.RollbackBlocked;

    /// <summary>Persists before anything else acts on the new state; a lost ETag race throws to the tick.</summary>
    private async Task SaveAsync(CutoverState next)
    {
        var before = state.State;
        if (next.Current is { } changed && !ReferenceEquals(changed, before.Current))
        {
            var version = before.Current?.CampaignId == changed.CampaignId ? before.Current.Version + 1 : 1;
            next = next with { Current = changed with { Version = version } };
        }

        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            throw;
        }
        catch
        {
            state.State = before;
            throw;
        }

        if (next.Current is { } current && !ReferenceEquals(current, before.Current))
        {
            await PublishAsync(CampaignEvents.Between(before.Current, current, time.GetUtcNow()));
        }
    }

    /// <summary>Best effort: followers re-read the status when they see a gap in the versions.</summary>
    private async Task PublishAsync(CampaignChange change)
    {
        try
        {
            _events ??= this.GetStreamProvider(FlipStream.ProviderName).GetStream<CampaignChange>(StreamId.Create(CampaignEventStream.Namespace, Service));
            await _events.OnNextAsync(change);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, Service);
        }
    }

    private static CampaignStatus WithRegion(CampaignStatus status, string region, Func<RegionProgress, RegionProgress> change) =>
        status with { Regions = status.Regions.Select(r => r.Region == region ? change(r) : r).ToImmutableList() };

    private RegionProgress Advance(RegionProgress region, ChecklistStep next, string result)
    {
        var now = time.GetUtcNow();
        var steps = region.Steps.Add(new StepRecord(region.Step, region.StepStartedAt ?? now, now, result));
        return region with { Step = next, StepStartedAt = now, Steps = steps };
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Campaign {Campaign} for {Service} started: {Regions} regions in {Waves} waves")]
    private static partial void LogStarted(ILogger logger, string service, string campaign, int regions, int waves);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Campaign {Campaign} for {Service} ended {State}: {Reason}")]
    private static partial void LogFinished(ILogger logger, string service, string campaign, CampaignState state, string? reason);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Campaign {Campaign} for {Service} approved by {Approver}")]
    private static partial void LogApproved(ILogger logger, string service, string campaign, string approver);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "ETag conflict on the campaigns of {Service}; re-read, deciding again next tick")]
    private static partial void LogConflict(ILogger logger, string service);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "A step of campaign {Campaign} for {Service} failed; it is retried on the next tick")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string service, string campaign);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Warning, Message = "Campaign {Campaign} for {Service} is rolling back: {Reason}")]
    private static partial void LogRollingBack(ILogger logger, string service, string campaign, string reason);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Error, Message = "Rollback of campaign {Campaign} for {Service} is blocked in {Regions}; an operator must fix it and run rollback again")]
    private static partial void LogRollbackBlocked(ILogger logger, string service, string campaign, string regions);

    [LoggerMessage(EventId = 1409, Level = LogLevel.Warning, Message = "Rollback of campaign {Campaign} for {Service} retried by {Operator}")]
    private static partial void LogRollbackRetried(ILogger logger, string service, string campaign, string @operator);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Warning, Message = "Publishing campaign events of {Service} failed; followers catch up from the status")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string service);
}
