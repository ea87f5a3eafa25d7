using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Grains.Segments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Coordinator.Grains.Consumers;

/// <summary>
/// One consumer group's pointer in one region. Reentrant so that concurrent commits are decided in
/// order and persisted together (group commit); every answer waits for the write that contains it.
/// </summary>
[Reentrant]
public sealed partial class ConsumerPointerGrain(
    [PersistentState("consumers", StorageNames.Coordinator)] IPersistentState<ConsumerPointerState> state,
    TimeProvider time,
    IOptions<ConsumerPointerOptions> options,
    AuditKey auditKey,
    ILogger<ConsumerPointerGrain> logger) : Grain, IConsumerPointerGrain
{
    private static readonly TimeSpan DrainCheckPeriod = TimeSpan.FromMilliseconds(100);

    // A filter hit names segments to read; another seal or a cache eviction in between asks again.
    private const int MaxLoadRounds = 4;

    // Segments read at once on activation: enough to overlap storage latency, few enough not to flood the silo.
    private const int ActivationReadBatch = 32;

    private (string Service, string Region, string Group) _key;
    private IReadOnlyList<FieldError> _keyErrors = [];
    private BatchedStateWriter<ConsumerPointerState> _writer = null!;
    private IGrainTimer? _drainTimer;
    private readonly SealedLedgerIndex _sealed = new();
    private LedgerCompaction.Plan? _pendingPlan;
    private ConsumerPointerState? _pendingState;
    private AuditArchive<ConsumerPointerState> _audit = null!;
    private bool _ledgerFullLogged;

    private string Fence => FenceKey.Format(_key.Service, _key.Region, _key.Group);

    private ConsumerPointerOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_key, _keyErrors) = FenceKeys.Parse(this.GetPrimaryKeyString(), "group");
        _audit = new AuditArchive<ConsumerPointerState>(GrainFactory, $"consumers/{this.GetPrimaryKeyString()}", auditKey, (ex, id) => LogSegmentCleanupFailed(logger, ex, Fence, id));
        _writer = new BatchedStateWriter<ConsumerPointerState>(state, round => LogConflict(logger, Fence, round), Fence, SealAsync, Written, _audit.AbandonAsync);
        await LoadSealedSegmentsAsync(state.State.SealedSegments);
        EnsureDrainTimer();
    }

    async Task<ConsumerPointerStatus> IConsumerPointerGrain.ConfigureAsync(string consumerVer, int partitions, string operatorName, LedgerPolicy? ledgerPolicy)
    {
        // Decide once without writing so bad input is refused before anything is recorded; then list
        // the group in the region's fence directory before the pointer persists state (adds are idempotent).
        NameRules.ThrowIfAny(_keyErrors);
        ConsumerPointerRules.Configure(_writer.Confirmed, Fence, consumerVer, partitions, operatorName, time.GetUtcNow(), auditKey, ledgerPolicy);
        await GrainFactory.GetGrain<IFenceDirectoryGrain>(RegionKey.Format(_key.Service, _key.Region)).AddConsumerGroupAsync(_key.Group);
        var next = await Submit(s => ConsumerPointerRules.Configure(s, Fence, consumerVer, partitions, operatorName, time.GetUtcNow(), auditKey, ledgerPolicy));
        return Status(next);
    }

    Task<ConsumerDirective> IConsumerPointerGrain.HeartbeatAsync(string instanceId, string consumerVer, bool paused) =>
        Submit(s => ConsumerPointerRules.Heartbeat(s, instanceId, consumerVer, paused, time.GetUtcNow(), Options, auditKey));

    async Task<CommitResult> IConsumerPointerGrain.CommitAsync(CommitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var missing = _sealed.Missing(request.IdempotencyKey ?? "");
        for (var round = 1; ; round++)
        {
            await LoadCandidatesAsync(missing);
            try
            {
                var result = await Submit(s => ConsumerPointerRules.Commit(s, request, time.GetUtcNow(), _sealed, auditKey, Options));
                NoteLedgerRoom(result);
                return result;
            }
            catch (LedgerSegmentsNotLoadedException notLoaded) when (round < MaxLoadRounds)
            {
                missing = notLoaded.SegmentIds;
            }
        }
    }

    async Task<ConsumerPointerStatus> IConsumerPointerGrain.PauseAsync(string campaignId, string operatorName) =>
        Status(await Submit(s => ConsumerPointerRules.Pause(s, Fence, campaignId, operatorName, time.GetUtcNow(), auditKey)));

    async Task<ConsumerPointerStatus> IConsumerPointerGrain.ResumeAsync(string campaignId, string operatorName) =>
        Status(await Submit(s => ConsumerPointerRules.Resume(s, Fence, campaignId, operatorName, time.GetUtcNow(), auditKey)));

    async Task<MoveStatus> IConsumerPointerGrain.StartMoveAsync(MoveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var move = await Submit(s => ConsumerPointerRules.StartMove(s, request, time.GetUtcNow(), Options, auditKey));
        LogMove(logger, Fence, move.FromConsumerVer, move.ToConsumerVer, move.State, request.Operator);
        EnsureDrainTimer();
        return WithPending(move);
    }

    Task<MoveStatus?> IConsumerPointerGrain.GetMoveAsync(string idempotencyKey)
    {
        NameRules.ThrowIfAny(_keyErrors);
        var move = ConsumerPointerRules.FindMove(_writer.Confirmed, idempotencyKey);
        return Task.FromResult(move is null ? null : WithPending(move));
    }

    async Task<ConsumerPointerStatus> IConsumerPointerGrain.ResetOffsetAsync(int partition, long offset, string operatorName, string reason)
    {
        var next = await Submit(s => ConsumerPointerRules.ResetOffset(s, partition, offset, operatorName, reason, time.GetUtcNow(), auditKey));
        LogReset(logger, Fence, partition, offset, operatorName);
        return Status(next);
    }

    Task<ConsumerPointerStatus> IConsumerPointerGrain.GetStatusAsync()
    {
        NameRules.ThrowIfAny(_keyErrors);
        return Task.FromResult(Status(_writer.Confirmed));
    }

    Task<IReadOnlyList<AuditEntry>> IConsumerPointerGrain.GetAuditAsync()
    {
        NameRules.ThrowIfAny(_keyErrors);
        return _audit.ReadAsync(_writer.Confirmed);
    }

    Task<AuditVerification> IConsumerPointerGrain.VerifyAuditAsync()
    {
        NameRules.ThrowIfAny(_keyErrors);
        return _audit.VerifyAsync(_writer.Confirmed);
    }

    async Task<AuditAdoption> IConsumerPointerGrain.AdoptAuditKeyAsync(string operatorName, string reason)
    {
        NameRules.ThrowIfAny(_keyErrors);
        await _audit.ReadAsync(_writer.Confirmed);
        var adoption = await Submit(s => AuditKeyAdoption.Adopt(s, _audit.Cached(s), auditKey, operatorName, reason, time.GetUtcNow(), $"consumer pointer {Fence}"));
        return adoption with { Verification = await _audit.VerifyAsync(_writer.Confirmed) };
    }

    private Task<TResult> Submit<TResult>(Func<ConsumerPointerState, Decision<ConsumerPointerState, TResult>> decide)
    {
        NameRules.ThrowIfAny(_keyErrors);
        return _writer.SubmitAsync(decide);
    }

    /// <summary>Before a write: seal a full open ledger segment and a full audit tail into their own grains, and plan expiry.</summary>
    private async Task<ConsumerPointerState> SealAsync(ConsumerPointerState working)
    {
        var plan = LedgerCompaction.Compact(working, time.GetUtcNow(), Options, () => $"{Fence}/{Guid.NewGuid():N}");
        if (plan.Sealed is { } segment)
        {
            await GrainFactory.GetGrain<ISegmentGrain<LedgerEntry>>(segment.Id).WriteAsync(plan.SealedEntries);
        }

        _pendingPlan = plan;
        _pendingState = await _audit.SealAsync(plan.Next);
        return _pendingState;
    }

    /// <summary>After a write: the index follows only what storage has confirmed.</summary>
    private void Written(ConsumerPointerState confirmed)
    {
        if (_pendingPlan is not { } plan || !ReferenceEquals(_pendingState, confirmed))
        {
            return;
        }

        _pendingPlan = null;
        _pendingState = null;
        if (plan.Sealed is { } segment)
        {
            _sealed.Add(segment.Id, plan.SealedEntries);
        }

        foreach (var dropped in plan.Dropped)
        {
            _sealed.Remove(dropped.Id);
            _ = GrainFactory.GetGrain<ISegmentGrain<LedgerEntry>>(dropped.Id).ClearAsync();
        }

        if (plan.Evicted > 0)
        {
            LogEvicted(logger, Fence, plan.Evicted);
        }
    }

    /// <summary>Every sealed key goes into the filter; only the newest segments' entries stay in memory.</summary>
    private async Task LoadSealedSegmentsAsync(IReadOnlyList<LedgerSegmentRef> segments)
    {
        var cachedFrom = segments.Count - SealedLedgerIndex.DefaultCachedSegments;
        for (var start = 0; start < segments.Count; start += ActivationReadBatch)
        {
            var batch = segments.Skip(start).Take(ActivationReadBatch).ToList();
            var entries = await Task.WhenAll(batch.Select(s => GrainFactory.GetGrain<ISegmentGrain<LedgerEntry>>(s.Id).ReadAsync()));
            for (var i = 0; i < batch.Count; i++)
            {
                _sealed.Add(batch[i].Id, entries[i], cache: start + i >= cachedFrom);
            }
        }
    }

    private async Task LoadCandidatesAsync(IReadOnlyList<string> segmentIds)
    {
        foreach (var id in segmentIds)
        {
            _sealed.Load(id, await GrainFactory.GetGrain<ISegmentGrain<LedgerEntry>>(id).ReadAsync());
        }
    }

    private void NoteLedgerRoom(CommitResult result)
    {
        if (result.Outcome == CommitOutcome.LedgerFull && !_ledgerFullLogged)
        {
            _ledgerFullLogged = true;
            LogLedgerFull(logger, Fence, result.Reason ?? "");
        }
        else if (result.Outcome == CommitOutcome.Accepted)
        {
            _ledgerFullLogged = false;
        }
    }

    private ConsumerPointerStatus Status(ConsumerPointerState current) =>
        ConsumerPointerRules.Status(current, _key.Group, time.GetUtcNow(), Options);

    private MoveStatus WithPending(MoveStatus move) =>
        move.State == MoveState.Draining && Status(_writer.Confirmed).CurrentMove is { } live && live.IdempotencyKey == move.IdempotencyKey ? live : move;

    /// <summary>While a move drains, check its deadline even if no instance heartbeats.</summary>
    private void EnsureDrainTimer()
    {
        if (_drainTimer is not null || _writer.Confirmed.CurrentMove is null)
        {
            return;
        }

        _drainTimer = this.RegisterGrainTimer(CheckDrainAsync, new GrainTimerCreationOptions(DrainCheckPeriod, DrainCheckPeriod) { Interleave = true });
    }

    private async Task CheckDrainAsync(CancellationToken cancellationToken)
    {
        if (_writer.Confirmed.CurrentMove is null)
        {
            _drainTimer?.Dispose();
            _drainTimer = null;
            return;
        }

        var finished = await _writer.SubmitAsync(s => ConsumerPointerRules.ExpireMove(s, time.GetUtcNow(), Options, auditKey));
        if (finished is not null)
        {
            LogMove(logger, Fence, finished.FromConsumerVer, finished.ToConsumerVer, finished.State, "coordinator");
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Consumer pointer {Pointer} move {From} -> {To}: {State} ({Operator})")]
    private static partial void LogMove(ILogger logger, string pointer, string from, string to, MoveState state, string @operator);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Consumer pointer {Pointer} partition {Partition} reset to offset {Offset} by {Operator}")]
    private static partial void LogReset(ILogger logger, string pointer, int partition, long offset, string @operator);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Consumer pointer {Pointer} evicted {Count} idempotency keys before their retention ran out; the group is fail-open; raise LedgerMaxEntries")]
    private static partial void LogEvicted(ILogger logger, string pointer, long count);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Consumer pointer {Pointer} refuses new idempotency keys and pauses its group: {Reason}")]
    private static partial void LogLedgerFull(ILogger logger, string pointer, string reason);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Could not remove audit segment {Segment} of consumer pointer {Pointer} after its write lost an ETag race; it is named by no state")]
    private static partial void LogSegmentCleanupFailed(ILogger logger, Exception exception, string pointer, string segment);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "ETag conflict on consumer pointer {Pointer} (round {Round}); re-reading and deciding the batch again")]
    private static partial void LogConflict(ILogger logger, string pointer, int round);
}
