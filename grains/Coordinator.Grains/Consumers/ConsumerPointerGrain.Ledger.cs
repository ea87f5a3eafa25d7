using Coordinator.Consumers;
using Coordinator.Grains.Segments;

namespace Coordinator.Grains.Consumers;

/// <summary>
/// The idempotency ledger's sealed segments. Each is written to a segment grain of its own before
/// the state write that names it. The in-memory index follows the state storage confirmed, whoever
/// wrote it: this activation's write, or another activation's read back after an ETag conflict or by
/// the periodic re-read (its seals are read, so a replay of one of its keys is still a duplicate). A
/// segment no confirmed state names any more (expired, evicted, or sealed by a write that lost its race
/// or failed) is cleared.
/// </summary>
public sealed partial class ConsumerPointerGrain
{
    // Segments read at once: enough to overlap storage latency, few enough not to flood the silo.
    private const int ReadBatch = 32;

    // How often an active pointer looks for keys past the retention that no write has dropped yet.
    private static readonly TimeSpan LedgerUpkeepPeriod = TimeSpan.FromMinutes(1);

    private readonly SealedLedgerIndex _sealed = new();

    // Segments this activation wrote and no state known to be in storage has named yet: kept once
    // one names them, cleared once one that does not is known to be there.
    private readonly HashSet<string> _unsettledSeals = new(StringComparer.Ordinal);

    // The list of sealed segments the index follows: that of the last state storage confirmed.
    private IReadOnlyList<LedgerSegmentRef> _indexed = [];
    private LedgerCompaction.Plan? _pendingPlan;
    private ConsumerPointerState? _pendingState;
    private Task? _indexLoad;
    private IGrainTimer? _upkeepTimer;

    /// <summary>
    /// On activation every sealed key goes into the filter; only the newest segments' entries stay in
    /// memory. Segments already past the retention are not read: their keys are forgotten, and the
    /// next write (or the upkeep) drops them from the state. Read in the background: millions of keys
    /// take longer than Orleans gives an activation. Queries answer meanwhile; every command waits for
    /// it (<see cref="FollowLedgerAsync"/>), so no key is judged on a partial index.
    /// </summary>
    private void StartLoadingSealedSegments() => _ = IndexLoadedAsync();

    private async Task LoadSealedSegmentsAsync(ConsumerPointerState loaded)
    {
        var cutoff = time.GetUtcNow() - Options.LedgerRetention;
        var live = loaded.SealedSegments.SkipWhile(s => s.NewestAt < cutoff).ToList();
        try
        {
            await ReadIntoIndexAsync(live, cacheFrom: live.Count - SealedLedgerIndex.DefaultCachedSegments);
        }
        catch (Exception ex)
        {
            LogIndexLoadFailed(logger, ex, Fence, live.Count);
            throw;
        }

        _indexed = loaded.SealedSegments;
    }

    /// <summary>
    /// The activation's read of the sealed segments, started again if it failed (what it read stays
    /// read). Nothing is written before it completes, so the confirmed state is still the one it reads.
    /// </summary>
    private Task IndexLoadedAsync()
    {
        if (_indexLoad is null || _indexLoad.IsFaulted || _indexLoad.IsCanceled)
        {
            _indexLoad = LoadSealedSegmentsAsync(_writer.Confirmed);
        }

        return _indexLoad;
    }

    /// <summary>Before a write: seal a full open ledger segment and a full audit tail into their own grains, and plan expiry.</summary>
    private async Task<ConsumerPointerState> SealAsync(ConsumerPointerState working)
    {
        var plan = LedgerCompaction.Compact(working, time.GetUtcNow(), Options, () => $"{Fence}/{Guid.NewGuid():N}");
        _pendingPlan = plan;
        if (plan.Sealed is { } segment)
        {
            // Unsettled before it is written: a write that fails half-way may still have stored it.
            _unsettledSeals.Add(segment.Id);
            await Segment(segment.Id).WriteAsync(plan.SealedEntries);
        }

        _pendingState = await _audit.SealAsync(plan.Next);
        return _pendingState;
    }

    /// <summary>After this activation's write: the index follows it, from the entries at hand.</summary>
    private void Written(ConsumerPointerState confirmed)
    {
        var plan = _pendingPlan is { } pending && ReferenceEquals(_pendingState, confirmed) ? pending : null;
        _pendingPlan = null;
        _pendingState = null;
        var changes = LedgerSegmentChanges.Between(_indexed, confirmed.SealedSegments);
        if (changes.Added.All(s => s.Id == plan?.Sealed?.Id))
        {
            Forget(changes.Removed);
            if (changes.Added.Count == 1)
            {
                _sealed.Add(plan!.Sealed!.Id, plan.SealedEntries);
            }

            _indexed = confirmed.SealedSegments;
        }

        // Otherwise the next decision waits for FollowLedgerAsync to read what this write did not bring.
        // This state is in storage now: a seal of ours it does not name never will be named.
        Settle(confirmed.SealedSegments);
        if (plan?.Evicted > 0)
        {
            LogEvicted(logger, Fence, plan.Evicted);
        }
    }

    /// <summary>
    /// Before commands are decided, and after a re-read found another activation's write: bring the
    /// index up to that state. After an ETag conflict or such a re-read it is the state another
    /// activation wrote: its new seals are read before any key is judged, and seals of ours it does not
    /// name are orphans (storage moved past the ETag our unconfirmed write was conditioned on, so that
    /// write can never land).
    /// </summary>
    private Task FollowLedgerAsync(ConsumerPointerState confirmed, bool reread) =>
        _indexLoad is { IsCompletedSuccessfully: true } && ReferenceEquals(_indexed, confirmed.SealedSegments) && !(reread && _unsettledSeals.Count > 0)
            ? Task.CompletedTask
            : FollowAsync(confirmed, reread);

    private async Task FollowAsync(ConsumerPointerState confirmed, bool reread)
    {
        await IndexLoadedAsync();
        var changes = LedgerSegmentChanges.Between(_indexed, confirmed.SealedSegments);
        if (!changes.IsEmpty)
        {
            LogFollowing(logger, Fence, changes.Added.Count, changes.Removed.Count);
        }

        await ReadIntoIndexAsync(changes.Added, cacheFrom: 0);
        Forget(changes.Removed);
        _indexed = confirmed.SealedSegments;

        // Read back after a conflict: what storage holds now, so our seals it does not name are orphans.
        if (reread)
        {
            Settle(confirmed.SealedSegments);
        }
    }

    private async Task ReadIntoIndexAsync(IReadOnlyList<LedgerSegmentRef> segments, int cacheFrom)
    {
        for (var start = 0; start < segments.Count; start += ReadBatch)
        {
            var count = Math.Min(ReadBatch, segments.Count - start);
            var entries = await Task.WhenAll(Enumerable.Range(start, count).Select(i => Segment(segments[i].Id).ReadAsync()));
            for (var i = 0; i < count; i++)
            {
                _sealed.Add(segments[start + i].Id, entries[i], cache: start + i >= cacheFrom);
            }
        }
    }

    private async Task LoadCandidatesAsync(IReadOnlyList<string> segmentIds)
    {
        foreach (var id in segmentIds)
        {
            _sealed.Load(id, await Segment(id).ReadAsync());
        }
    }

    /// <summary>Segments no confirmed state names any more: out of the index, and out of storage.</summary>
    private void Forget(IReadOnlyList<LedgerSegmentRef> removed)
    {
        foreach (var segment in removed)
        {
            _sealed.Remove(segment.Id);
            _ = ClearSegmentAsync(segment.Id);
        }
    }

    private void Settle(IReadOnlyList<LedgerSegmentRef> inStorage)
    {
        foreach (var id in _unsettledSeals)
        {
            if (!Names(inStorage, id))
            {
                LogAbandonedSeal(logger, Fence, id);
                _ = ClearSegmentAsync(id);
            }
        }

        _unsettledSeals.Clear();
    }

    // New seals are appended: look from the newest end.
    private static bool Names(IReadOnlyList<LedgerSegmentRef> segments, string id)
    {
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            if (string.Equals(segments[i].Id, id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private async Task ClearSegmentAsync(string id)
    {
        try
        {
            await Segment(id).ClearAsync();
        }
        catch (Exception ex)
        {
            // Nothing names it, so nothing reads it: a failed clear costs storage, not correctness.
            LogSegmentClearFailed(logger, ex, Fence, id);
        }
    }

    private void StartLedgerUpkeep() =>
        _upkeepTimer ??= this.RegisterGrainTimer(ExpireLedgerAsync, new GrainTimerCreationOptions(LedgerUpkeepPeriod, LedgerUpkeepPeriod) { Interleave = true });

    /// <summary>The periodic pass: a quiet pointer forgets keys past the retention as a busy one does at its next write.</summary>
    private async Task ExpireLedgerAsync(CancellationToken cancellationToken)
    {
        if (!LedgerExpiry.IsDue(_writer.Confirmed, time.GetUtcNow(), Options))
        {
            return;
        }

        var forgotten = await _writer.SubmitAsync(s => LedgerExpiry.Expire(s, time.GetUtcNow(), Options));
        if (forgotten > 0)
        {
            LogLedgerExpired(logger, Fence, forgotten);
        }
    }

    private ISegmentGrain<LedgerEntry> Segment(string id) => GrainFactory.GetGrain<ISegmentGrain<LedgerEntry>>(id);
}
