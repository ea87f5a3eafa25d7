using Coordinator.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests.Reliability;

/// <summary>
/// A grain's state read and written straight through a silo's coordinator storage, ETag-checked: what
/// another activation of the grain does (a write here makes the grain's next write conflict), and a way
/// to look at what storage holds without calling, and so activating, the grain.
/// </summary>
public sealed class StoredState<T>(IGrainStorage storage, string stateName, GrainId grainId)
    where T : class, new()
{
    public static StoredState<T> Of(TestCluster cluster, string stateName, GrainId grainId) =>
        new(((InProcessSiloHandle)cluster.Silos[0]).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Coordinator), stateName, grainId);

    public async Task<IGrainState<T>> ReadAsync()
    {
        var state = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    /// <summary>What storage holds (a new <typeparamref name="T"/> if nothing).</summary>
    public async Task<T> StateAsync() => (await ReadAsync()).State ?? new T();

    /// <summary>Whether storage holds a record at all (a cleared one does not).</summary>
    public async Task<bool> ExistsAsync() => (await ReadAsync()).RecordExists;

    /// <summary>Writes under the ETag <paramref name="state"/> was read with (a conflict if another write came in between).</summary>
    public Task WriteAsync(IGrainState<T> state) => storage.WriteStateAsync(stateName, grainId, state);

    /// <summary>Reads, changes and writes back under the ETag read, as one activation's save.</summary>
    public async Task<T> ChangeAsync(Func<T, T> change)
    {
        var state = await ReadAsync();
        state.State = change(state.State ?? new T());
        await WriteAsync(state);
        return state.State;
    }
}
