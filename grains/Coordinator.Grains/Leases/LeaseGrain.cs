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
/// One writer's lease. Every grant is persisted (ETag-checked) before the token is returned, so the
/// fencing token never goes backwards across crashes, reactivations or duplicate activations; a renewal
/// writes only when it reaches past the stored horizon (<see cref="LeaseRules.HorizonStep"/>). A
/// validation that could let a token write is checked against storage first (<see cref="LeaseRules.MustConfirm"/>),
/// so a duplicate activation's outdated copy never validates a revoked or superseded holder.
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

    private string Fence => FenceKey.Format(_key.Service, _key.Region, _key.Writer);

    /// <summary>Every call is answered from state storage confirmed at most two re-read periods ago (<see cref="StoredStateRecheck"/>).</summary>
    Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context) =>
        _recheck is null ? context.Invoke() : _recheck.AroundCallAsync(context);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_key, _keyErrors) = FenceKeys.Parse(this.GetPrimaryKeyString(), "writer");
        _audit = new AuditArchive<LeaseState>(GrainFactory, $"lease/{this.GetPrimaryKeyString()}", auditKey, (ex, id) => LogSegmentCleanupFailed(logger, ex, Fence, id));
        _stored = new StoredStateProbe<LeaseState>(
            ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Coordinator), StateName, this.GetGrainId(), $"lease {Fence}");
        if (_keyErrors.Count == 0)
        {
            _recheck = StoredStateRecheck.Start<ILeaseGrain>(this, time, _state.RereadAsync, () => Describe(_state.Value), logger, Fence);
        }

        return Task.CompletedTask;
    }

    async Task<LeaseGrant> ILeaseGrain.AcquireAsync(string holderId, TimeSpan ttl)
    {
        NameRules.ThrowIfAny(_keyErrors);
        var view = await GrainFactory.GetGrain<ISwitchoverGrain>(RegionKey.Format(_key.Service, _key.Region)).GetActiveArmAsync();
        var facts = new LeaseRules.RegionFacts(view.Epoch, view.ActiveManifest?.IndexHash);

        // Decide once without writing so bad input is refused before anything is recorded; then list
        // the writer in the region's fence directory before the lease persists state (adds are idempotent).
        LeaseRules.Acquire(_state.Value, _key, holderId, ttl, facts, time.GetUtcNow(), auditKey);
        await EnsureListedAsync();
        var (grant, changed) = await Write(s => LeaseRules.Acquire(s, _key, holderId, ttl, facts, time.GetUtcNow(), auditKey), "acquire");
        if (changed)
        {
            FenceMetrics.LeaseGranted(_key.Service, _key.Region, _key.Writer);
            LogGranted(logger, Fence, grant.Token!.FencingToken, holderId, grant.Token.Epoch);
            await PublishAsync();
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
        var (grant, _) = await Write(s => LeaseRules.Renew(s, token, ttl, time.GetUtcNow()), "renew");
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
        if ((await Write(s => LeaseRules.Release(s, token), "release")).Changed)
        {
            await PublishAsync();
        }
    }

    async Task<LeaseValidation> ILeaseGrain.ValidateAsync(long fencingToken)
    {
        NameRules.ThrowIfAny(_keyErrors);

        // Interleaved with writes, so storage is read beside the confirmed copy, not into it. A failed
        // read validates nothing: the sink refuses the write, as it would without an answer.
        var held = _state.Value;
        var current = LeaseRules.MustConfirm(held, fencingToken) ? await _stored.ReadAsync() : held;
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
        LeaseRules.Freeze(_state.Value, Fence, campaignId, operatorName, time.GetUtcNow(), auditKey);
        await EnsureListedAsync();
        var (next, changed) = await Write(s => LeaseRules.Freeze(s, Fence, campaignId, operatorName, time.GetUtcNow(), auditKey), "freeze");
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
        var (next, changed) = await Write(s => LeaseRules.Unfreeze(s, Fence, campaignId, indexHash, operatorName, view.Epoch, time.GetUtcNow(), auditKey), "unfreeze");
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
        return Task.FromResult(LeaseRules.Status(_state.Value, _key.Writer, Interlocked.Read(ref _rejections)));
    }

    Task<IReadOnlyList<AuditEntry>> ILeaseGrain.GetAuditAsync()
    {
        NameRules.ThrowIfAny(_keyErrors);
        return _audit.ReadAsync(_state.Value);
    }

    Task<AuditVerification> ILeaseGrain.VerifyAuditAsync()
    {
        NameRules.ThrowIfAny(_keyErrors);
        return _audit.VerifyAsync(_state.Value);
    }

    async Task<AuditAdoption> ILeaseGrain.AdoptAuditKeyAsync(string operatorName, string reason)
    {
        NameRules.ThrowIfAny(_keyErrors);
        await _audit.ReadAsync(_state.Value);
        var (adoption, _) = await Write(
            s => AuditKeyAdoption.Adopt(s, _audit.Cached(s), auditKey, operatorName, reason, time.GetUtcNow(), $"lease {Fence}"), AuditKeyAdoption.Command);
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

    private Task<(TResult Result, bool Changed)> Write<TResult>(Func<LeaseState, Decision<LeaseState, TResult>> decide, string command) =>
        _state.DecideAndWriteAsync(decide, round => LogConflict(logger, Fence, command, round), Fence, _audit.SealAsync, _audit.AbandonAsync);

    private async Task PublishAsync()
    {
        var current = _state.Value;
        var now = time.GetUtcNow();
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

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Could not publish a change of lease {Lease}")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string lease);
}
