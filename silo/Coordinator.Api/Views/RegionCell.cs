namespace Coordinator.Api.Views;

/// <summary>
/// One region as this silo last learned it: from a flip notice or a confirmed read, never going back
/// to a lower epoch. Waiters (long-polls) await <see cref="Changed"/>, which completes on every advance.
/// </summary>
internal sealed class RegionCell(ServiceView service, string region)
{
    private ActiveArmView? _view;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ServiceView Service { get; } = service;

    public string Region { get; } = region;

    /// <summary>The latest view; null until the first read completes.</summary>
    public ActiveArmView? View => Volatile.Read(ref _view);

    /// <summary>Completes when the view next changes; take it before reading <see cref="View"/>.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>Stream subscription handle, kept to unsubscribe when the silo stops.</summary>
    public object? Subscription { get; set; }

    /// <summary>Started once: subscribe, then read, so no flip falls between the two.</summary>
    public Task? Started { get; set; }

    /// <summary>
    /// Moves to <paramref name="view"/> when it is newer: a higher epoch; at the same epoch, a confirmed
    /// read replaces what a notice said (claims and registrations change a region without a flip).
    /// </summary>
    public bool Apply(ActiveArmView view, bool confirmedRead)
    {
        while (true)
        {
            var seen = Volatile.Read(ref _view);
            var newer = seen is null
                || view.Epoch > seen.Epoch
                || (view.Epoch == seen.Epoch && (confirmedRead ? seen != view : seen.ActiveManifest is null && view.ActiveManifest is not null));
            if (!newer)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _view, view, seen) == seen)
            {
                Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                Service.Signal();
                return true;
            }
        }
    }
}
