using Coordinator.Consumers;
using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Grains.Campaigns;
using Coordinator.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Coordinator.Grains.Consumers;

/// <summary>
/// One consumer group's pointer in one region. Reentrant so that concurrent commits are decided in
/// order and persisted together (group commit); every answer waits for the write that contains it.
/// The ledger's sealed segments live in segment grains (<c>ConsumerPointerGrain.Ledger.cs</c>); a
/// draining move's deadline is watched by a timer and a reminder (<c>ConsumerPointerGrain.Moves.cs</c>).
/// The stored state is re-read between batches (<see cref="StoredStateRecheck"/>), so a duplicate
/// activation's status, moves and ledger index follow what another activation wrote.
/// </summary>
[Reentrant]
public sealed partial class ConsumerPointerGrain(
    [PersistentState("consumers", StorageNames.Coordinator)] IPersistentState<ConsumerPointerState> state,
    TimeProvider time,
    IOptions<ConsumerPointerOptions> options,
    AuditKey auditKey,
    IOptions<CampaignWakeOptions> wake,
    ILogger<ConsumerPointerGrain> logger) : Grain, IConsumerPointerGrain, IIncomingGrainCallFilter, IRemindable
{
    // Null when the key is malformed: such an activation holds no state to follow.
    private StoredStateRecheck? _recheck;

    // A filter hit names segments to read; another seal or a cache eviction in between asks again.
    private const int MaxLoadRounds = 4;

    private (string Service, string Region, string Group) _key;
    private IReadOnlyList<FieldError> _keyErrors = [];
    private BatchedStateWriter<ConsumerPointerState> _writer = null!;
    private AuditArchive<ConsumerPointerState> _audit = null!;
    private bool _ledgerFullLogged;

    private string Fence => FenceKey.Format(_key.Service, _key.Region, _key.Group);

    private ConsumerPointerOptions Options => options.Value;

    /// <summary>Every call is answered from state storage confirmed at most two re-read periods ago (<see cref="StoredStateRecheck"/>).</summary>
    Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context) =>
        _recheck is null ? context.Invoke() : _recheck.AroundCallAsync(context);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_key, _keyErrors) = FenceKeys.Parse(this.GetPrimaryKeyString(), "group");
        _audit = new AuditArchive<ConsumerPointerState>(GrainFactory, $"consumers/{this.GetPrimaryKeyString()}", auditKey, (ex, id) => LogSegmentCleanupFailed(logger, ex, Fence, id));
        _writer = new BatchedStateWriter<ConsumerPointerState>(
            state, round => LogConflict(logger, Fence, round), Fence, SealAsync, Written, _audit.AbandonAsync, FollowLedgerAsync);
        StartLoadingSealedSegments();
        StartLedgerUpkeep();
        if (_keyErrors.Count == 0)
        {
            _recheck = StoredStateRecheck.Start<IConsumerPointerGrain>(this, time, RereadAsync, () => Describe(_writer.Confirmed), logger, Fence);
        }

        await WatchMoveAsync();
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
            try
            {
                await LoadCandidatesAsync(missing);
            }
            catch (Exception ex) when (ex is not CoordinatorException)
            {
                // The key cannot be judged without them: nothing was decided.
                throw StorageUnavailableException.NotRead($"the sealed ledger segments of {Fence}", ex.GetType().Name);
            }

            try
            {
                var result = await Submit(s => ConsumerPointerRules.Commit(s, request, time.GetUtcNow(), _sealed, auditKey, Options));
                NoteCommit(result);
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
        await WatchMoveAsync();
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

    /// <summary>The periodic re-read: adopt what another activation wrote, and watch a move it started or ended.</summary>
    private async Task<bool> RereadAsync()
    {
        var moved = await _writer.RereadAsync();
        if (moved)
        {
            await WatchMoveAsync();
        }

        return moved;
    }

    private static string Describe(ConsumerPointerState pointer) =>
        $"token {pointer.Token} on {pointer.ActiveConsumerVer ?? "no CONSUMER_VER"}, {pointer.SealedSegments.Count} sealed ledger segments";

    private Task<TResult> Submit<TResult>(Func<ConsumerPointerState, Decision<ConsumerPointerState, TResult>> decide)
    {
        NameRules.ThrowIfAny(_keyErrors);
        return _writer.SubmitAsync(decide);
    }

    private void NoteCommit(CommitResult result)
    {
        if (result.Outcome == CommitOutcome.Duplicate)
        {
            FenceMetrics.LedgerDuplicate(_key.Service, _key.Region, _key.Group);
        }
        else if (result.Outcome == CommitOutcome.Conflict)
        {
            FenceMetrics.LedgerConflict(_key.Service, _key.Region, _key.Group);
        }

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
}
