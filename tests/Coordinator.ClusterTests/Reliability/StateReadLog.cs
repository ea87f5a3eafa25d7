using System.Collections.Concurrent;
using Orleans.Storage;

namespace Coordinator.ClusterTests.Reliability;

/// <summary>
/// Wraps the coordinator's grain storage: counts the reads of each grain's state, by grain key, and can hold
/// a grain's reads as storage that stopped answering would, until the test lets them go.
/// </summary>
public sealed class StateReadLog(IGrainStorage inner) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, int> Reads = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, HeldReads> Held = new(StringComparer.Ordinal);

    /// <summary>How many times storage was asked for the state of the grain keyed <paramref name="key"/> so far.</summary>
    public static int ReadsOf(string key) => Reads.GetValueOrDefault(key);

    /// <summary>Holds every read of the state of the grain keyed <paramref name="key"/> until <see cref="HeldReads.Release"/>.</summary>
    public static HeldReads HoldReadsOf(string key) => Held.GetOrAdd(key, k => new HeldReads(() => Held.TryRemove(k, out var _)));

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.Key.ToString()!;
        Reads.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (Held.TryGetValue(key, out var held))
        {
            held.Reached.TrySetResult();
            await held.Gate.Task;
        }

        await inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}

/// <summary>Reads held by <see cref="StateReadLog.HoldReadsOf"/>.</summary>
public sealed class HeldReads(Action forget)
{
    /// <summary>Completes when a held read arrived.</summary>
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the held reads go on to storage, and holds no more.</summary>
    public void Release()
    {
        forget();
        Gate.TrySetResult();
    }
}
