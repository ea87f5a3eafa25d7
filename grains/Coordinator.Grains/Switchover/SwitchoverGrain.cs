using Coordinator.Domain;
using Coordinator.Observability;
using Coordinator.Switchover;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Coordinator.Grains.Switchover;

/// <summary>
/// One region's active-arm pointer. Thin: it loads state, asks <see cref="SwitchoverRules"/>,
/// persists with an ETag check, and only then answers and publishes.
/// </summary>
public sealed partial class SwitchoverGrain(
    [PersistentState("switchover", StorageNames.Coordinator)] IPersistentState<SwitchoverState> state,
    TimeProvider time,
    AuditKey auditKey,
    ILogger<SwitchoverGrain> logger) : Grain, ISwitchoverGrain, IIncomingGrainCallFilter
{
    /// <summary>How long a deactivation waits for flip events still being published.</summary>
    private static readonly TimeSpan AnnounceDrain = TimeSpan.FromSeconds(5);

    // Null when the key is malformed: such an activation holds no state to follow.
    private StoredStateRecheck? _recheck;

    private readonly ConfirmedState<SwitchoverState> _state = new(state);

    private string _service = string.Empty;
    private string _region = string.Empty;
    private IReadOnlyList<FieldError> _keyErrors = [];
    private IAsyncStream<ArmFlipped>? _flips;
    private AuditArchive<SwitchoverState> _audit = null!;

    // The last flip's stream event, on its way out after the flip answered (see Announce).
    private Task _announced = Task.CompletedTask;

    /// <summary>Every call is answered from state storage confirmed at most two re-read periods ago (<see cref="StoredStateRecheck"/>).</summary>
    Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context) =>
        _recheck is null ? context.Invoke() : _recheck.AroundCallAsync(context);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        _audit = new AuditArchive<SwitchoverState>(GrainFactory, $"pointer/{key}", auditKey, (ex, id) => LogSegmentCleanupFailed(logger, ex, key, id));
        try
        {
            (_service, _region) = RegionKey.Parse(key);
        }
        catch (FormatException)
        {
            _keyErrors = [new FieldError("key", $"'{key}' is not 'service/region'")];
            return;
        }

        var errors = new List<FieldError>();
        NameRules.Check("service", _service, errors);
        NameRules.Check("region", _region, errors);
        _keyErrors = errors;

        _recheck = StoredStateRecheck.Start<ISwitchoverGrain>(this, time, RereadAsync, () => $"epoch {_state.Value.Epoch}", logger, key);

        ReportEpoch();

        // Keep serving a pointer whose history was tampered with, but say so loudly.
        var audit = await _audit.VerifyAsync(_state.Value);
        if (!audit.IsValid)
        {
            LogAuditBroken(logger, _service, _region, string.Join("; ", audit.Problems));
        }
    }

    /// <summary>The periodic re-read; when storage had moved on, the epoch gauge follows it.</summary>
    private async Task<bool> RereadAsync()
    {
        var moved = await _state.RereadAsync();
        if (moved)
        {
            ReportEpoch();
        }

        return moved;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        PointerMetrics.Forget(this, _service, _region);

        // Let flip events still on their way out go, within reason: resolvers re-read anyway.
        try
        {
            await _announced.WaitAsync(AnnounceDrain, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogAnnounceAbandoned(logger, _service, _region);
        }
    }

    /// <summary>
    /// The epoch gauge follows what storage confirmed. A pointer with no arm registered is not reported:
    /// a read of a made-up name activates a grain too, and must not add a series.
    /// </summary>
    private void ReportEpoch()
    {
        var current = _state.Value;
        if (_keyErrors.Count == 0 && (current.Blue is not null || current.Green is not null))
        {
            PointerMetrics.EpochIs(this, _service, _region, current.ActiveArm.ToWire(), current.Epoch);
        }
    }

    async Task<RegisterResult> ISwitchoverGrain.RegisterArmAsync(Arm arm, ArmManifest manifest, string operatorName)
    {
        // Decide once without writing so bad input is refused before anything is recorded anywhere;
        // then list the region in the service's directory before the pointer holds state, so every
        // pointer with state can be found. The directory only ever adds, so a retry is harmless.
        ThrowIfBadKey();
        SwitchoverRules.Register(_state.Value, _service, _region, arm, manifest, operatorName, time.GetUtcNow(), auditKey);
        await GrainFactory.GetGrain<IServiceDirectoryGrain>(_service).AddRegionAsync(_region);
        return await Mutate(s => SwitchoverRules.Register(s, _service, _region, arm, manifest, operatorName, time.GetUtcNow(), auditKey), "register-arm");
    }

    Task<ActiveArmView> ISwitchoverGrain.GetActiveArmAsync()
    {
        ThrowIfBadKey();
        return Task.FromResult(SwitchoverRules.View(_state.Value, _service, _region));
    }

    async Task<FlipResult> ISwitchoverGrain.FlipAsync(FlipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // A campaign's calls carry its trace context, so its flips are spans in the campaign's trace.
        using var span = CoordinatorTracing.StartFlip(_service, _region, CoordinatorTracing.Parse(RequestContext.Get(CoordinatorTracing.CampaignContextKey) as string));
        FlipResult result;
        bool changed;
        try
        {
            (result, changed) = await MutateAndTell(s => SwitchoverRules.Flip(s, _service, _region, request, time.GetUtcNow(), auditKey), "flip");
        }
        catch (Exception ex)
        {
            // A refusal (stale epoch, claimed region) or storage not answering: the span says which.
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            throw;
        }

        span?.SetTag(TagNames.Arm, result.To.ToWire());
        span?.SetTag(TagNames.Epoch, result.Epoch);
        span?.SetTag(TagNames.Result, changed ? "flipped" : "replayed");
        if (changed)
        {
            PointerMetrics.Flipped(_service, _region, result.To.ToWire());
            ReportEpoch();
            LogFlipped(logger, _service, _region, result.From, result.To, result.Epoch, request.Operator);
            Announce(new ArmFlipped
            {
                View = SwitchoverRules.View(_state.Value, _service, _region),
                From = result.From,
                Operator = request.Operator,
                Reason = request.Reason,
            });
        }

        return result;
    }

    Task<ActiveArmView> ISwitchoverGrain.ClaimAsync(string campaignId, string operatorName) =>
        Mutate(s => SwitchoverRules.Claim(s, _service, _region, campaignId, operatorName, time.GetUtcNow(), auditKey), "claim");

    Task<ActiveArmView> ISwitchoverGrain.ReleaseAsync(string campaignId, string operatorName) =>
        Mutate(s => SwitchoverRules.Release(s, _service, _region, campaignId, operatorName, time.GetUtcNow(), auditKey), "release");

    Task<IReadOnlyList<AuditEntry>> ISwitchoverGrain.GetAuditAsync()
    {
        ThrowIfBadKey();
        return _audit.ReadAsync(_state.Value);
    }

    Task<AuditVerification> ISwitchoverGrain.VerifyAuditAsync()
    {
        ThrowIfBadKey();
        return _audit.VerifyAsync(_state.Value);
    }

    async Task<AuditAdoption> ISwitchoverGrain.AdoptAuditKeyAsync(string operatorName, string reason)
    {
        ThrowIfBadKey();
        await _audit.ReadAsync(_state.Value);
        var adoption = await Mutate(
            s => AuditKeyAdoption.Adopt(s, _audit.Cached(s), auditKey, operatorName, reason, time.GetUtcNow(), RegionKey.Format(_service, _region)),
            AuditKeyAdoption.Command);
        return adoption with { Verification = await _audit.VerifyAsync(_state.Value) };
    }

    private async Task<TResult> Mutate<TResult>(Func<SwitchoverState, Decision<SwitchoverState, TResult>> decide, string command) =>
        (await MutateAndTell(decide, command)).Result;

    private Task<(TResult Result, bool Changed)> MutateAndTell<TResult>(
        Func<SwitchoverState, Decision<SwitchoverState, TResult>> decide, string command)
    {
        ThrowIfBadKey();
        return _state.DecideAndWriteAsync(
            decide, round => LogConflict(logger, _service, _region, command, round), RegionKey.Format(_service, _region), _audit.SealAsync, _audit.AbandonAsync);
    }

    /// <summary>
    /// Tells the world about a confirmed flip without making its caller wait: the flip's answer waits for its
    /// one state write only. The push goes first (one-way); the stream event (in-memory queues, no storage, in either
    /// mode) follows after the answer, chained behind the previous flip's so events never overtake each other.
    /// </summary>
    private void Announce(ArmFlipped flipped)
    {
        Push(flipped.View);
        _announced = PublishAfterAsync(_announced, flipped);
    }

    private async Task PublishAfterAsync(Task previous, ArmFlipped flipped)
    {
        await previous;
        try
        {
            _flips ??= this.GetStreamProvider(FlipStream.NoticeProviderName)
                .GetStream<ArmFlipped>(StreamId.Create(FlipStream.Namespace, FlipStream.Key(_service, _region)));
            await _flips.OnNextAsync(flipped);
        }
        catch (Exception ex)
        {
            // The flip is already durable; resolvers re-read periodically, so a lost notice only delays them.
            LogPublishFailed(logger, ex, _service, _region, flipped.View.Epoch);
        }
    }

    /// <summary>
    /// Hands the confirmed flip to the service's notifier, which pushes it to subscribed resolvers. One-way:
    /// the flip's caller never waits for the fan-out; the resolvers' re-reads (and the stream, for those that follow it) cover a lost push.
    /// </summary>
    private void Push(ActiveArmView view)
    {
        try
        {
            _ = GrainFactory.GetGrain<IFlipNoticeGrain>(_service).PublishAsync(new FlipNotice { View = view });
        }
        catch (Exception ex)
        {
            LogPushFailed(logger, ex, _service, _region, view.Epoch);
        }
    }

    private void ThrowIfBadKey() => NameRules.ThrowIfAny(_keyErrors);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Flipped {Service}/{Region} from {From} to {To} at epoch {Epoch} by {Operator}")]
    private static partial void LogFlipped(ILogger logger, string service, string region, Arm from, Arm to, long epoch, string @operator);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "ETag conflict on {Service}/{Region} during {Command} (round {Round}); re-reading and deciding again")]
    private static partial void LogConflict(ILogger logger, string service, string region, string command, int round);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Critical, Message = "The audit chain of {Service}/{Region} does not verify: {Problems}")]
    private static partial void LogAuditBroken(ILogger logger, string service, string region, string problems);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Could not remove audit segment {Segment} of {Pointer} after its write lost an ETag race; it is named by no state")]
    private static partial void LogSegmentCleanupFailed(ILogger logger, Exception exception, string pointer, string segment);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Warning, Message = "{Service}/{Region} deactivated before its last flip event was published; resolvers catch up on their re-read")]
    private static partial void LogAnnounceAbandoned(ILogger logger, string service, string region);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Warning, Message = "Could not push the flip of {Service}/{Region} to epoch {Epoch}; the resolvers' re-reads cover it")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string service, string region, long epoch);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Could not publish the flip of {Service}/{Region} to epoch {Epoch}; resolvers will catch up on their next refresh")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string service, string region, long epoch);
}
