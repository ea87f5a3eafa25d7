using System.Collections.Immutable;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Machine;
using Coordinator.Domain;
using Coordinator.Notifications;
using Coordinator.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;

namespace Coordinator.Grains.Campaigns;

/// <summary>
/// Runs one service's campaigns. The decisions are <see cref="CampaignMachine"/>'s; this grain loads
/// the state, asks the machine, runs the effects it asks for against the regions' grains, saves
/// through the ETag check and publishes what changed. A grain timer drives progress; a reminder wakes
/// the grain after a silo crash. Every state is saved before anything acts on it, and every effect is
/// idempotent, so a step resumed after a crash never flips twice.
/// </summary>
public sealed partial class CutoverGrain(
    [PersistentState("cutover", StorageNames.Coordinator)] IPersistentState<CutoverState> state,
    TimeProvider time,
    AuditKey auditKey,
    IOptions<CampaignWakeOptions> wake,
    IWarmEvaluator warmEvaluator,
    ILogger<CutoverGrain> logger) : Grain, ICutoverGrain, IRemindable
{
    private readonly ConfirmedState<CutoverState> _state = new(state);

    private const string WakeReminder = "campaign-wake";

    /// <summary>Decisions per tick, a guard against a machine that never settles; the next tick goes on.</summary>
    private const int MaxDecisionsPerTick = 200;

    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(100);

    private IGrainTimer? _timer;
    private IAsyncStream<CampaignChange>? _events;
    private ImmutableDictionary<string, DateTimeOffset> _holdClock = ImmutableDictionary.Create<string, DateTimeOffset>(StringComparer.Ordinal);
    private AuditArchive<CutoverState> _audit = null!;
    private WarmRuns _warmRuns = null!;

    private string Service => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _audit = new AuditArchive<CutoverState>(GrainFactory, $"campaigns/{Service}", auditKey, (ex, id) => LogSegmentCleanupFailed(logger, ex, Service, id));
        var service = Service;
        _warmRuns = new WarmRuns(time, (effect, campaign, why) => LogWarmRunIgnored(logger, service, campaign, effect.Region, why));
        if (_state.Value.Current?.State.IsActive() == true)
        {
            EnsureTimer();
        }

        if (_state.Value.NotificationSequence > 0)
        {
            // A crash may have come between a save and its wake: the webhooks look at the outbox again (not awaited, so activation does not wait on them).
            _ = WakeWebhooksAsync();
        }

        ReportState();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CampaignMetrics.Forget(this, Service);
        // Runs in flight are cancelled; the next activation runs the step's evaluation again from the saved state.
        _warmRuns.Dispose();
        return Task.CompletedTask;
    }

    async Task<CampaignStart> ICutoverGrain.StartAsync(CampaignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Warm is { } warm)
        {
            // The gold set's format is checked here, on the silo, so a spec from any client is refused at start, not at Warm Green.
            NameRules.ThrowIfAny(warmEvaluator.Check(warm));
        }

        var regions = (await GrainFactory.GetGrain<IServiceDirectoryGrain>(Service).GetRegionsAsync()).ToHashSet(StringComparer.Ordinal);

        // The root of the campaign's trace; its context is saved with the campaign so every later span is its child.
        using var root = CoordinatorTracing.StartCampaign(Service, spec.CampaignId);
        var traceParent = CoordinatorTracing.TraceParentOf(root);
        var start = await CommandAsync(s => WithTrace(s, spec.CampaignId, traceParent, CampaignMachine.Start(s, Service, spec, regions, time.GetUtcNow(), auditKey)));
        root?.SetTag(TagNames.Result, _state.Value.TraceParent == traceParent ? "started" : "replayed");
        return start;
    }

    /// <summary>A start that begins a new campaign keeps its trace context; a replay keeps the one already saved.</summary>
    private static Decision<CutoverState, CampaignStart> WithTrace(CutoverState before, string campaignId, string traceParent, Decision<CutoverState, CampaignStart> decision) =>
        decision.Next is { } next && before.Current?.CampaignId != campaignId && next.Current?.CampaignId == campaignId
            ? decision with { Next = next with { TraceParent = traceParent } }
            : decision;

    Task<CampaignStatus?> ICutoverGrain.GetStatusAsync(string campaignId) => Task.FromResult(CampaignMachine.Find(_state.Value, campaignId));

    Task<IReadOnlyList<CampaignStatus>> ICutoverGrain.ListAsync() => Task.FromResult(CampaignMachine.List(_state.Value));

    Task<IReadOnlyList<AuditEntry>> ICutoverGrain.GetAuditAsync() => _audit.ReadAsync(_state.Value);

    Task<AuditVerification> ICutoverGrain.VerifyAuditAsync() => _audit.VerifyAsync(_state.Value);

    async Task<AuditAdoption> ICutoverGrain.AdoptAuditKeyAsync(string operatorName, string reason)
    {
        await _audit.ReadAsync(_state.Value);
        var adoption = await CommandAsync(s => AuditKeyAdoption.Adopt(s, _audit.Cached(s), auditKey, operatorName, reason, time.GetUtcNow(), $"the campaigns of {Service}"));
        return adoption with { Verification = await _audit.VerifyAsync(_state.Value) };
    }

    Task ICutoverGrain.SubmitSmokeReportAsync(string campaignId, SmokeReport report) =>
        CommandAsync(s => CampaignMachine.SubmitSmokeReport(s, campaignId, report, time.GetUtcNow()));

    Task<CampaignStatus> ICutoverGrain.ApproveAsync(string campaignId, string approver, string reason) =>
        CommandAsync(s => CampaignMachine.Approve(s, campaignId, approver, reason, time.GetUtcNow(), auditKey));

    Task<CampaignStatus> ICutoverGrain.PauseAsync(string campaignId, string operatorName, string reason) =>
        CommandAsync(s => CampaignMachine.Pause(s, campaignId, operatorName, reason, time.GetUtcNow(), auditKey));

    Task<CampaignStatus> ICutoverGrain.ResumeAsync(string campaignId, string operatorName, string reason) =>
        CommandAsync(s => CampaignMachine.Resume(s, campaignId, operatorName, reason, time.GetUtcNow(), auditKey));

    Task<CampaignStatus> ICutoverGrain.AbortAsync(string campaignId, string operatorName, string reason) =>
        StopAsync(s => CampaignMachine.Abort(s, campaignId, operatorName, reason, time.GetUtcNow(), auditKey));

    Task<CampaignStatus> ICutoverGrain.RollbackAsync(string campaignId, string operatorName, string reason) =>
        StopAsync(s => CampaignMachine.Rollback(s, campaignId, operatorName, reason, time.GetUtcNow(), auditKey));

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        EnsureTimer();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Decides on the state storage confirmed, saves through the ETag check (a lost race re-reads and
    /// decides again), then publishes what was saved.
    /// </summary>
    private async Task<TResult> CommandAsync<TResult>(Func<CutoverState, Decision<CutoverState, TResult>> decide)
    {
        var before = _state.Value;
        var (result, changed) = await _state.DecideAndWriteAsync(
            s => WithNotifications(before = s, decide(s)), round => LogConflict(logger, Service, round), $"the campaigns of {Service}", _audit.SealAsync, _audit.AbandonAsync);
        if (changed)
        {
            await AfterSaveAsync(before, _state.Value);
        }

        return result;
    }

    /// <summary>An abort or rollback: a stop takes its first rollback round at once; a retried blocked rollback goes on from the timer.</summary>
    private async Task<CampaignStatus> StopAsync(Func<CutoverState, Decision<CutoverState, CampaignStatus>> decide)
    {
        var before = _state.Value.Current?.State;
        var status = await CommandAsync(decide);
        if (status.State != CampaignState.RollingBack || before is CampaignState.RollingBack or CampaignState.RollbackBlocked)
        {
            return status;
        }

        await DriveAsync();
        return _state.Value.Current ?? status;
    }

    private void EnsureTimer() =>
        _timer ??= this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TickPeriod, TickPeriod) { Interleave = false, KeepAlive = true });

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            _warmRuns.Retain(_state.Value);
            if (_state.Value.Current?.State.IsActive() != true)
            {
                await StopDrivingAsync();
                return;
            }

            await DriveAsync();
        }
        catch (Exception ex)
        {
            // Storage did not answer, or the like: every effect is idempotent, so the next tick decides again.
            LogStepFailed(logger, ex, Service, _state.Value.Current?.CampaignId ?? "-");
        }
    }

    /// <summary>Asks the machine, runs the effects it wants, saves what it decided; until it has nothing left this tick.</summary>
    private async Task DriveAsync()
    {
        var tickStartedAt = time.GetUtcNow();
        var results = EffectResults.None;
        for (var decisions = 0; decisions < MaxDecisionsPerTick; decisions++)
        {
            var step = CampaignMachine.Tick(_state.Value, tickStartedAt, time.GetUtcNow(), results, _holdClock);
            _holdClock = step.HoldClock;
            if (step.Effects.Count > 0)
            {
                var (service, campaignId) = (Service, _state.Value.Current!.CampaignId);
                var runner = new CampaignEffectRunner(GrainFactory, service, campaignId, _state.Value.Spec!.Operator,
                    ex => LogStepFailed(logger, ex, service, campaignId), _state.Value.Spec, warmEvaluator);
                var answers = await RunInCampaignContextAsync(
                    () => Task.WhenAll(step.Effects.Select(e => e is EvaluateWarm warm ? AnswerWarmAsync(runner, campaignId, warm) : runner.TryRunAsync(e))));
                results = results.With(step.Effects.Zip(answers, KeyValuePair.Create));
                continue;
            }

            if (step.Next is null || !await SaveAsync(step.Next))
            {
                return;
            }

            results = EffectResults.None;
            if (!step.Continue)
            {
                return;
            }
        }
    }

    /// <summary>
    /// A Warm evaluation never runs in the grain's turn (it takes seconds, and pause or abort must not wait for it):
    /// the answer is the run this activation already has (running, or its result), else Green's endpoint is read
    /// here and a run started on the thread pool, answered as running. The tick reads its result when it is done.
    /// </summary>
    private async Task<EffectResult> AnswerWarmAsync(CampaignEffectRunner runner, string campaignId, EvaluateWarm effect)
    {
        if (_warmRuns.TryAnswer(campaignId, effect, out var answer))
        {
            return answer;
        }

        var prepared = await runner.TryPrepareWarmAsync(effect);
        return prepared.Value is WarmRequest request
            ? _warmRuns.Start(campaignId, effect, stop => runner.EvaluateWarmOffTurnAsync(request, stop))
            : prepared;
    }

    /// <summary>The grains an effect calls receive the campaign's trace context, so their spans (a flip's) join the campaign's trace.</summary>
    private async Task<T> RunInCampaignContextAsync<T>(Func<Task<T>> run)
    {
        if (_state.Value.TraceParent is not { } traceParent)
        {
            return await run();
        }

        RequestContext.Set(CoordinatorTracing.CampaignContextKey, traceParent);
        try
        {
            return await run();
        }
        finally
        {
            RequestContext.Remove(CoordinatorTracing.CampaignContextKey);
        }
    }

    /// <summary>Saves a tick's decision only onto the state it was made on: if another activation wrote first, the next tick decides again.</summary>
    private async Task<bool> SaveAsync(CutoverState next)
    {
        var decidedOn = _state.Value;
        next = NotificationOutbox.Record(decidedOn, next, time.GetUtcNow());
        var (saved, _) = await _state.DecideAndWriteAsync(
            s => ReferenceEquals(s, decidedOn) ? Decision<CutoverState, bool>.Changed(next, true) : Decision<CutoverState, bool>.Unchanged(false),
            round => LogConflict(logger, Service, round),
            $"the campaigns of {Service}",
            _audit.SealAsync,
            _audit.AbandonAsync);
        if (saved)
        {
            await AfterSaveAsync(decidedOn, next);
        }

        return saved;
    }

    /// <summary>Publishes what the save changed, keeps the wake-up reminder while the campaign drives itself, logs transitions and wakes the webhooks when it made notifications.</summary>
    private async Task AfterSaveAsync(CutoverState before, CutoverState after)
    {
        // A pause, an abort, the step's end: a Warm evaluation no longer wanted is cancelled before anyone hears of the change.
        _warmRuns.Retain(after);
        if (after.Current is not { } current || ReferenceEquals(current, before.Current))
        {
            return;
        }

        var previous = before.Current?.CampaignId == current.CampaignId ? before.Current : null;
        var change = CampaignEvents.Between(previous, current, time.GetUtcNow());
        ReportState();
        CampaignObservations.Record(previous, current, change, after.TraceParent);
        await PublishAsync(change);
        if (current.State != previous?.State)
        {
            LogTransition(current);
        }

        if (current.State.IsDriven() && previous?.State.IsDriven() != true)
        {
            await this.RegisterOrUpdateReminder(WakeReminder, wake.Value.Period, wake.Value.Period);
            EnsureTimer();
        }

        if (after.NotificationSequence > before.NotificationSequence)
        {
            // Not awaited: the campaign never waits on its webhooks (the wake only touches other grains).
            _ = WakeWebhooksAsync();
        }
    }

    /// <summary>The campaign-state gauge follows what storage confirmed, reported by the silo this activation runs on.</summary>
    private void ReportState()
    {
        if (_state.Value.Current is { } current)
        {
            CampaignMetrics.StateIs(this, Service, CampaignObservations.Word(current.State));
        }
    }

    private void LogTransition(CampaignStatus current)
    {
        switch (current.State)
        {
            case CampaignState.Running when current.Version == 1:
                LogStarted(logger, Service, current.CampaignId, current.Regions.Count, current.WaveCount);
                break;
            case CampaignState.Completed or CampaignState.RolledBack:
                LogFinished(logger, Service, current.CampaignId, current.State, current.Reason);
                break;
            case CampaignState.RollingBack:
                LogRollingBack(logger, Service, current.CampaignId, current.Reason ?? "-");
                break;
            case CampaignState.RollbackBlocked:
                LogRollbackBlocked(logger, Service, current.CampaignId, string.Join(", ", current.Regions.Where(r => r.RollbackBlocked is not null).Select(r => r.Region)));
                break;
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
}
