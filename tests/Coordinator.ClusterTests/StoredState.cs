using Coordinator.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests;

/// <summary>
/// A grain's state read or written through the real storage provider behind the activation's back:
/// another activation's write, or someone rewriting storage.
/// </summary>
internal static class StoredState
{
    public static async Task<(IGrainStorage Storage, GrainState<TState> Stored)> ReadAsync<TState>(TestCluster cluster, IAddressable grain, string stateName)
        where TState : class, new()
    {
        var silo = (InProcessSiloHandle)cluster.Silos[0];
        var storage = silo.SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Coordinator);
        var stored = new GrainState<TState>();
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), stored);
        return (storage, stored);
    }

    /// <summary>The stored state; the grain must have written it already.</summary>
    public static async Task<TState> ValueAsync<TState>(TestCluster cluster, IAddressable grain, string stateName)
        where TState : class, new()
    {
        var (_, stored) = await ReadAsync<TState>(cluster, grain, stateName);
        Assert.True(stored.RecordExists, "the grain's state should have been written already");
        return stored.State ?? new TState();
    }

    /// <summary>Stores <paramref name="state"/> for a grain that has written nothing yet (as an older version of the product left it).</summary>
    public static async Task SeedAsync<TState>(TestCluster cluster, IAddressable grain, string stateName, TState state)
        where TState : class, new()
    {
        var (storage, stored) = await ReadAsync<TState>(cluster, grain, stateName);
        Assert.False(stored.RecordExists, "the grain's state should not exist yet");
        stored.State = state;
        await storage.WriteStateAsync(stateName, grain.GetGrainId(), stored);
    }

    /// <summary>Rewrites the stored state with <paramref name="change"/>, as another activation (or an attacker) would.</summary>
    public static async Task WriteBehindAsync<TState>(TestCluster cluster, IAddressable grain, string stateName, Func<TState, TState> change)
        where TState : class, new()
    {
        var (storage, stored) = await ReadAsync<TState>(cluster, grain, stateName);
        Assert.True(stored.RecordExists, "the grain's state should have been written already");
        stored.State = change(stored.State ?? new TState());
        await storage.WriteStateAsync(stateName, grain.GetGrainId(), stored);
    }
}
