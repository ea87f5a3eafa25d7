using System.Collections.Immutable;
using Coordinator.Domain;
using Coordinator.Grains.Segments;

namespace Coordinator.Grains;

/// <summary>
/// The sealed segments of one grain's audit chain, around its writes: before a write a full tail is
/// sealed into a segment (<see cref="AuditSealing"/>); after a write that lost the ETag race, the
/// segment that write would have named is removed, so no segment outlives the state that named it;
/// and reads and verification cover segments and tail. Segments never change once written, so each
/// is read once per activation.
/// </summary>
internal sealed class AuditArchive<TState>(IGrainFactory grains, string chain, AuditKey key, Action<Exception, string> cleanupFailed)
    where TState : class, IAudited<TState>
{
    private readonly Dictionary<string, ImmutableList<AuditEntry>> _sealed = new(StringComparer.Ordinal);

    // Written for the write in flight; settled by its outcome.
    private AuditSegmentRef? _unconfirmed;

    /// <summary>Before a write: moves a full tail into its segment, written first so the state never names a missing one.</summary>
    public async Task<TState> SealAsync(TState next)
    {
        var (sealedState, plan) = AuditSealing.Seal(next, chain);
        _unconfirmed = plan.Sealed;
        if (plan.Sealed is { } segment)
        {
            await Segment(segment.Id).WriteAsync(plan.Entries);
            _sealed[segment.Id] = plan.Entries;
        }

        return sealedState;
    }

    /// <summary>
    /// After a write lost the ETag race and the state was read again: nothing will ever name the segment
    /// sealed for it (a re-decided seal of other entries gets another id), so it is removed. Kept when the
    /// winner's state names it: the winner sealed the very same entries under the same id.
    /// </summary>
    public async Task AbandonAsync(TState confirmed)
    {
        if (_unconfirmed is not { } segment)
        {
            return;
        }

        _unconfirmed = null;
        if (confirmed.AuditTrail.Segments.Any(s => s.Id == segment.Id))
        {
            return;
        }

        _sealed.Remove(segment.Id);
        try
        {
            await Segment(segment.Id).ClearAsync();
        }
        catch (Exception ex)
        {
            // Storage did not answer: an orphan is wasted space, never part of a chain (states name their segments).
            cleanupFailed(ex, segment.Id);
        }
    }

    /// <summary>The whole chain <paramref name="state"/> describes, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(TState state) =>
        AuditSealing.Whole(state.AuditTrail, await LoadAsync(state.AuditTrail));

    /// <summary>Every hash (with the key), link, the kept head and count, and every segment against what was sealed.</summary>
    public async Task<AuditVerification> VerifyAsync(TState state) =>
        AuditSealing.Verify(state.AuditTrail, await LoadAsync(state.AuditTrail), key);

    /// <summary>
    /// The whole chain from segments already read (a decision cannot wait for storage). A segment not
    /// read yet means another activation sealed after <see cref="ReadAsync"/>: the caller tries again.
    /// </summary>
    public IReadOnlyList<AuditEntry> Cached(TState state)
    {
        var trail = state.AuditTrail;
        var entries = new List<IReadOnlyList<AuditEntry>>(trail.Segments.Count);
        foreach (var segment in trail.Segments)
        {
            entries.Add(_sealed.TryGetValue(segment.Id, out var cached)
                ? cached
                : throw new CoordinatorException(CoordinatorErrorCode.Conflict, $"the audit chain of {chain} grew while it was read; nothing was changed, try again"));
        }

        return AuditSealing.Whole(trail, entries);
    }

    private async Task<IReadOnlyList<IReadOnlyList<AuditEntry>>> LoadAsync(AuditTrail trail)
    {
        var entries = new List<IReadOnlyList<AuditEntry>>(trail.Segments.Count);
        foreach (var segment in trail.Segments)
        {
            if (!_sealed.TryGetValue(segment.Id, out var cached))
            {
                cached = await Segment(segment.Id).ReadAsync();
                _sealed[segment.Id] = cached;
            }

            entries.Add(cached);
        }

        return entries;
    }

    private ISegmentGrain<AuditEntry> Segment(string id) => grains.GetGrain<ISegmentGrain<AuditEntry>>(id);
}
