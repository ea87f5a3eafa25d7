using System.Collections.Concurrent;

namespace Coordinator.Api.Views;

/// <summary>A service's regions on this silo, and one signal for the event streams that follow them all.</summary>
internal sealed class ServiceView(string name)
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;

    public ConcurrentDictionary<string, RegionCell> Regions { get; } = new(StringComparer.Ordinal);

    /// <summary>The service's directory, read once before the first follower is served.</summary>
    public Task? DirectoryRead { get; set; }

    /// <summary>Completes when anything of the service next changes; take it before reading the state.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public void Signal() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Every region read so far, as last learned.</summary>
    public IEnumerable<ActiveArmView> Views() => Regions.Values.Select(c => c.View).OfType<ActiveArmView>();
}
