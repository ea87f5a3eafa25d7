using Coordinator.Domain;
using Coordinator.Fences;
using Coordinator.Leases;
using Microsoft.Extensions.DependencyInjection;
using Coordinator.Observability;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;

namespace Coordinator.Grains.Leases;

/// <summary>
/// One writer's lease. A grant that writes is persisted (ETag-checked) before the token is returned; when grants come
/// fast it also reserves a block of tokens and a horizon (<see cref="LeaseRules.ReserveBlock"/>), and the grants after it
/// are answered from memory until either runs out. Releases and renewals inside the horizon live in memory too; a quiet
/// lease records them (and closes its reserve) within a few seconds, and so does an audit read or a deactivation.
/// Tokens never go backwards and a stale holder is refused after any crash: an activation that finds an open reserve
/// numbers its grants above it and grants nothing before its horizon (<see cref="LeaseRules.Adopt"/>). A validation
/// that could let a token write is checked against storage first (<see cref="LeaseRules.MustConfirm"/>), so a duplicate
/// activation never validates a revoked or superseded holder.
/// </summary>
public sealed partial class LeaseGrain(
    [PersistentState(LeaseGrain.StateName, StorageNames.Coordinator)] IPersistentState<LeaseState> state,
    TimeProvider time,
    AuditKey auditKey,
    ILogger<LeaseGrain> logger) : Grain, ILeaseGrain, IIncomingGrainCallFilter
{
    // Null when the key is malformed: such an activation holds no state to follow.
    private StoredStateRecheck? _recheck;

    private const string StateName = "lease";

    private readonly ConfirmedState<LeaseState> _state = new(state);

    private (string Service, string Region, string Writer) _key;
    private IReadOnlyList<FieldError> _keyErrors = [];
    private IAsyncStream<LeaseChanged>? _changes;
    private long _rejections;
    private bool _listed;
    private AuditArchive<LeaseState> _audit = null!;
    private StoredStateProbe<LeaseState> _stored = null!;

    // What this activation relies on: the confirmed state at _liveEtag (adopted, LeaseRules.Adopt), plus changes made
    // in memory since (_unrecorded). Re-derived when storage moves under it: another activation wrote.
    private LeaseState? _live;
    private string? _liveEtag;
    private bool _unrecorded;

    // Embedded mode's storage is grains of the silo itself: it is gone before a shutting-down lease could write.
    private bool _storageIsInMemory;

    // Grant and release notices go out after the answer, at most one per NoticeSpacing while a lease churns.
    private DateTimeOffset _lastNotice = DateTimeOffset.MinValue;
    private bool _noticeDue;
    private Task _noticing = Task.CompletedTask;

    /// <summary>
    /// The least time between two grant or release notices of one lease. Sinks do not need them to stay safe (a
    /// validation reads the lease itself, and their cache is short); views and sink floors catch up within it.
    /// </summary>
    public static readonly TimeSpan NoticeSpacing = TimeSpan.FromSeconds(2);

    private string Fence => FenceKey.Format(_key.Service, _key.Region, _key.Writer);

    private LeaseState Live
    {
        get
        {
            if (_live is null || !string.Equals(_liveEtag, _state.Etag, StringComparison.Ordinal))
            {
                _live = LeaseRules.Adopt(_state.Value, time.GetUtcNow(), auditKey);
                _liveEtag = _state.Etag;
                _unrecorded = false;
            }

            return _live;
        }
    }

    /// <summary>Every call is answered from state storage confirmed at most two re-read periods ago (<see cref="StoredStateRecheck"/>).</summary>
    Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context) =>
        _recheck is null ? context.Invoke() : _recheck.AroundCallAsync(context);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_key, _keyErrors) = FenceKeys.Parse(this.GetPrimaryKeyString(), "writer");
        _audit = new AuditArchive<LeaseState>(GrainFactory, $"lease/{this.GetPrimaryKeyString()}", auditKey, (ex, id) => LogSegmentCleanupFailed(logger, ex, Fence, id));
        _storageIsInMemory = ServiceProvider.GetService<CoordinatorStorageKind>()?.InMemory ?? false;
        _stored = new StoredStateProbe<LeaseState>(
            ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Coordinator), StateName, this.GetGrainId(), $"lease {Fence}");
        if (_keyErrors.Count == 0)
        {
            _recheck = StoredStateRecheck.Start<ILeaseGrain>(this, time, _state.RereadAsync, () => Describe(Live), logger, Fence);

            // Not interleaved, like the commands: a record is a write like theirs.
            this.RegisterGrainTimer(_ => RecordWhenQuietAsync(), new GrainTimerCreationOptions(LeaseRules.ChurnWindow, LeaseRules.ChurnWindow) { Interleave = false });
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Leave nothing only in memory that a later activation would have to wait out; a failure here is what a
        // crash would have left, which the reserve covers. In-memory storage ends with the silo: nothing to leave.
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && _storageIsInMemory)
        {
            return;
        }

        try
        {
            // Closing the reserve too: this activation grants nothing more, so a rolling restart costs no horizon wait.
            if (_unrecorded || Live.ReservedThrough > Live.LatestToken)
            {
                await RecordAsync(last: true).WaitAsync(StoredStateProbe<object>.Timeout, cancellationToken);
            }

            // A notice held back by the spacing goes now (the loop, woken later, finds nothing due).
            if (_noticeDue)
            {
                _noticeDue = false;
                await PublishAsync();
            }
        }
        catch (Exception ex)
        {
            LogRecordFailed(logger, ex, Fence);
        }
    }

    async Task<LeaseGrant> ILeaseGrain.AcquireAsync(string holderId, TimeSpan ttl)
    {
        NameRules.ThrowIfAny(_keyErrors);
        var view = await GrainFactory.GetGrain<ISwitchoverGrain>(RegionKey.Format(_key.Service, _key.Region)).GetActiveArmAsync();
        var facts = new LeaseRules.RegionFacts(view.Epoch, view.ActiveManifest?.IndexHash);

        // Decide once without writing so bad input is refused before anything is recorded; then list
        // the writer in the region's fence directory before the lease persists state (adds are idempotent).
        LeaseRules.Acquire(Live, _key, holderId, ttl, facts, time.GetUtcNow(), auditKey);
        await EnsureListedAsync();
        var (grant, changed) = await Change(s => LeaseRules.Acquire(s, _key, holderId, ttl, facts, time.GetUtcNow(), auditKey), "acquire");
        if (changed)
        {
            FenceMetrics.LeaseGranted(_key.Service, _key.Region, _key.Writer);
            LogGranted(logger, Fence, grant.Token!.FencingToken, holderId, grant.Token.Epoch);
            Notify();
        }
        else if (grant.Status != LeaseGrantStatus.Granted)
        {
            Rejected(grant.Status.ToString());
        }

        return grant;
    }

    async Task<LeaseGrant> ILeaseGrain.RenewAsync(LeaseToken token, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(token);
        NameRules.ThrowIfAny(_keyErrors);
        // A renewal changes no token's validity, so sinks need no notice (their cache is bounded anyway). Most
        // renewals stay inside the stored horizon and write nothing. One answered from a duplicate activation's
        // older copy never lets a write through: sinks confirm a holder's token against storage.
        var (grant, _) = await Change(s => LeaseRules.Renew(s, token, ttl, time.GetUtcNow()), "renew");
        if (grant.Status != LeaseGrantStatus.Granted)
        {
            Interlocked.Increment(ref _rejections);
            Rejected(grant.Status.ToString());
        }

        return grant;
    }

    async Task ILeaseGrain.ReleaseAsync(LeaseToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        NameRules.ThrowIfAny(_keyErrors);
        if ((await Change(s => LeaseRules.Release(s, token), "release")).Changed)
        {
            Notify();
        }
    }

    async Task<LeaseValidation> ILeaseGrain.ValidateAsync(long fencingToken)
    {
        NameRules.ThrowIfAny(_keyErrors);

        // Interleaved with writes, so storage is read beside the confirmed copy, not into it. A failed
        // read validates nothing: the sink refuses the write, as it would without an answer.
        var live = Live;
        var current = LeaseRules.MustConfirm(live, fencingToken) ? await ConfirmedLiveAsync() : live;
        var validation = LeaseRules.Validate(current, fencingToken, time.GetUtcNow());
        if (validation.Validity != LeaseValidity.Valid)
        {
            Interlocked.Increment(ref _rejections);
            Rejected(validation.Validity.ToString());
        }

        return validation;
    }

    async Task<LeaseStatus> ILeaseGrain.FreezeAsync(string campaignId, string operatorName)
    {
        NameRules.ThrowIfAny(_keyErrors);
        LeaseRules.Freeze(Live, Fence, campaignId, operatorName, time.GetUtcNow(), auditKey);
        await EnsureListedAsync();
        var (next, changed) = await Change(s => LeaseRules.Freeze(s, Fence, campaignId, operatorName, time.GetUtcNow(), auditKey), "freeze");
        if (changed)
        {
            LogFrozen(logger, Fence, campaignId, operatorName);
            await PublishAsync();
        }

        return LeaseRules.Status(next, _key.Writer, Interlocked.Read(ref _rejections));
    }

    async Task<LeaseStatus> ILeaseGrain.UnfreezeAsync(string campaignId, string indexHash, string operatorName)
    {
        NameRules.ThrowIfAny(_keyErrors);
        var view = await GrainFactory.GetGrain<ISwitchoverGrain>(RegionKey.Format(_key.Service, _key.Region)).GetActiveArmAsync();
        var (next, changed) = await Change(s => LeaseRules.Unfreeze(s, Fence, campaignId, indexHash, operatorName, view.Epoch, time.GetUtcNow(), auditKey), "unfreeze");
        if (changed)
        {
            LogUnfrozen(logger, Fence, campaignId, indexHash, operatorName);
            await PublishAsync();
        }

        return LeaseRules.Status(next, _key.Writer, Interlocked.Read(ref _rejections));
    }

    Task<LeaseStatus> ILeaseGrain.GetStatusAsync()
    {
        NameRules.ThrowIfAny(_keyErrors);
        return Task.FromResult(LeaseRules.Status(Live, _key.Writer, Interlocked.Read(ref _rejections)));
    }

    async Task<IReadOnlyList<AuditEntry>> ILeaseGrain.GetAuditAsync()
    {
        NameRules.ThrowIfAny(_keyErrors);
        await RecordPendingAsync();
        return await _audit.ReadAsync(_state.Value);
    }

    async Task<AuditVerification> ILeaseGrain.VerifyAuditAsync()
    {
        NameRules.ThrowIfAny(_keyErrors);
        await RecordPendingAsync();
        return await _audit.VerifyAsync(_state.Value);
    }

    async Task<AuditAdoption> ILeaseGrain.AdoptAuditKeyAsync(string operatorName, string reason)
    {
        NameRules.ThrowIfAny(_keyErrors);
        await RecordPendingAsync();
        await _audit.ReadAsync(_state.Value);
        var (adoption, _) = await Write(
            _ => AuditKeyAdoption.Adopt(Live, _audit.Cached(Live), auditKey, operatorName, reason, time.GetUtcNow(), $"lease {Fence}"), AuditKeyAdoption.Command);
        return adoption with { Verification = await _audit.VerifyAsync(_state.Value) };
    }

    private static string Describe(LeaseState lease) =>
        $"token {lease.LatestToken}{(lease.Holder is { } holder ? $" held by {holder.HolderId}" : "")}{(lease.FrozenBy is { } campaign ? $", frozen by {campaign}" : "")}";
    /// <summary>A refused acquire, renew or token check; the reason is an enum name, so its values are bounded.</summary>
    private void Rejected(string reason) => FenceMetrics.LeaseRejected(_key.Service, _key.Region, _key.Writer, reason.ToLowerInvariant());

    /// <summary>Lists this writer in the region's fence directory, once per activation (adds are idempotent).</summary>
    private async Task EnsureListedAsync()
    {
        if (!_listed)
        {
            await GrainFactory.GetGrain<IFenceDirectoryGrain>(RegionKey.Format(_key.Service, _key.Region)).AddWriterAsync(_key.Writer);
            _listed = true;
        }
    }

    /// <summary>
    /// Decides on what this activation relies on; a change <see cref="LeaseRules.MustRecord"/> rules out of memory is
    /// written before it is answered, the others are kept in memory until the next write.
    /// </summary>
    private async Task<(TResult Result, bool Changed)> Change<TResult>(Func<LeaseState, Decision<LeaseState, TResult>> decide, string command)
    {
        var before = Live;
        var decision = decide(before);
        if (decision.Next is not { } next)
        {
            return (decision.Result, false);
        }

        if (!LeaseRules.MustRecord(before, next))
        {
            _live = next;
            _unrecorded = true;
            return (decision.Result, true);
        }

        return await Write(_ => decide(Live), command);
    }

    /// <summary>
    /// Writes a decision taken on <see cref="Live"/>, with everything memory held; after an ETag conflict the
    /// other activation's state is adopted (<see cref="Live"/> follows the ETag) and the decision taken again.
    /// </summary>
    private async Task<(TResult Result, bool Changed)> Write<TResult>(Func<LeaseState, Decision<LeaseState, TResult>> decide, string command)
    {
        var written = await _state.DecideAndWriteAsync(decide, round => LogConflict(logger, Fence, command, round), Fence, _audit.SealAsync, _audit.AbandonAsync);
        if (written.Changed)
        {
            // Written by this activation, so relied on as it is: its own reserve is its to use.
            _live = _state.Value;
            _liveEtag = _state.Etag;
            _unrecorded = false;
        }

        return written;
    }

    private Task RecordAsync(bool last = false) => Write(_ => LeaseRules.Record(Live, time.GetUtcNow(), last), "record");

    private Task RecordPendingAsync() => _unrecorded ? RecordAsync() : Task.CompletedTask;

    private async Task RecordWhenQuietAsync()
    {
        if (_unrecorded && LeaseRules.QuietEnoughToRecord(Live, time.GetUtcNow()))
        {
            try
            {
                await RecordAsync();
            }
            catch (Exception ex) when (ex is CoordinatorException)
            {
                // Storage did not answer or kept changing: memory still holds it, and the next tick tries again.
                LogRecordFailed(logger, ex, Fence);
            }
        }
    }

    /// <summary>
    /// What to validate a token against that could write: <see cref="Live"/> when storage holds nothing but this
    /// activation's own writes, else what another activation's write leaves standing. A probe that may have seen this
    /// activation's own write land before its answer (one was in flight) is repeated once that write settles.
    /// </summary>
    private async Task<LeaseState> ConfirmedLiveAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var writes = _state.Writes;
            var settled = _state.WriteSettled;
            var (stored, etag) = await _stored.ReadWithEtagAsync();
            if (string.Equals(etag, _state.Etag, StringComparison.Ordinal))
            {
                return Live;
            }

            var ownWriteMayShow = _state.Writes != writes || !settled.IsCompleted || !_state.WriteSettled.IsCompleted;
            if (!ownWriteMayShow || attempt == 3)
            {
                return LeaseRules.Adopt(stored, time.GetUtcNow(), auditKey);
            }

            try
            {
                await _state.WriteSettled.WaitAsync(StoredStateProbe<object>.Timeout, time);
            }
            catch (TimeoutException)
            {
                // Storage holds the write's answer back: judge by what it shows, as another activation's.
                return LeaseRules.Adopt(stored, time.GetUtcNow(), auditKey);
            }
        }
    }

    /// <summary>Sends the lease's change after the answer: at once when no notice went out within <see cref="NoticeSpacing"/>, else when it has passed.</summary>
    private void Notify()
    {
        _noticeDue = true;
        if (_noticing.IsCompleted)
        {
            _noticing = NoticeAsync();
        }
    }

    private async Task NoticeAsync()
    {
        while (_noticeDue)
        {
            var wait = _lastNotice + NoticeSpacing - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time);
            }

            _noticeDue = false;
            await PublishAsync();
        }
    }

    private async Task PublishAsync()
    {
        var current = Live;
        var now = time.GetUtcNow();
        _lastNotice = now;
        var valid = current.FrozenBy is null && current.Holder is { } h && h.FencingToken == current.LatestToken && now < h.ExpiresAt;
        try
        {
            _changes ??= this.GetStreamProvider(FlipStream.ProviderName).GetStream<LeaseChanged>(StreamId.Create(LeaseStream.Namespace, Fence));
            await _changes.OnNextAsync(new LeaseChanged
            {
                LeaseKey = Fence,
                LatestFencingToken = current.LatestToken,
                ValidToken = valid ? current.LatestToken : null,
                ValidUntil = valid ? current.Holder!.ExpiresAt : null,
                FrozenBy = current.FrozenBy,
            });
        }
        catch (Exception ex)
        {
            // Sinks bound their cache by a short TTL, so a lost notice only delays them briefly.
            LogPublishFailed(logger, ex, Fence);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Lease {Lease} granted fencing token {Token} to {Holder} at epoch {Epoch}")]
    private static partial void LogGranted(ILogger logger, string lease, long token, string holder, long epoch);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Lease {Lease} frozen by campaign {Campaign} ({Operator})")]
    private static partial void LogFrozen(ILogger logger, string lease, string campaign, string @operator);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Lease {Lease} unfrozen by campaign {Campaign} with INDEX_HASH {IndexHash} ({Operator})")]
    private static partial void LogUnfrozen(ILogger logger, string lease, string campaign, string indexHash, string @operator);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "ETag conflict on lease {Lease} during {Command} (round {Round}); re-reading and deciding again")]
    private static partial void LogConflict(ILogger logger, string lease, string command, int round);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Could not remove audit segment {Segment} of lease {Lease} after its write lost an ETag race; it is named by no state")]
    private static partial void LogSegmentCleanupFailed(ILogger logger, Exception exception, string lease, string segment);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning, Message = "Could not record lease {Lease}'s grants and releases held in memory; its reserve covers them")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string lease);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Could not publish a change of lease {Lease}")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string lease);
}
