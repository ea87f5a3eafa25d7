using System.Collections.Concurrent;

namespace Coordinator.Benchmarks.EdgeProxy;

/// <summary>
/// The first response through the edge at each epoch, shared by the callers of figure 16b: when it
/// arrived (Stopwatch timestamp) and which arm the edge said served it. The flip loop awaits an epoch
/// before or after a caller reports it.
/// </summary>
internal sealed class ServedBook
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<(long At, string Arm)>> _first = new();

    /// <summary>Completes with the first response at <paramref name="epoch"/>.</summary>
    public Task<(long At, string Arm)> FirstAt(long epoch) => Slot(epoch).Task;

    /// <summary>Records a response; returns the arm of the first response at its epoch (this one's if it was first).</summary>
    public string Served(long epoch, string arm, long at)
    {
        var slot = Slot(epoch);
        slot.TrySetResult((at, arm));
        return slot.Task.Result.Arm;
    }

    /// <summary>Every epoch a response carried, with the arm of its first response.</summary>
    public IReadOnlyList<(long Epoch, string Arm)> Epochs() =>
        [.. _first.Where(kv => kv.Value.Task.IsCompletedSuccessfully).Select(kv => (kv.Key, kv.Value.Task.Result.Arm))];

    private TaskCompletionSource<(long At, string Arm)> Slot(long epoch) =>
        _first.GetOrAdd(epoch, static _ => new TaskCompletionSource<(long At, string Arm)>(TaskCreationOptions.RunContinuationsAsynchronously));
}
