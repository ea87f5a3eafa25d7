using Coordinator.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Coordinator.ConsoleTests.Infrastructure;

/// <summary>A grain's state read or written through the silo's storage behind the grain: someone rewriting storage, or an older version's data.</summary>
public static class SiloStorage
{
    /// <summary>Stores <paramref name="state"/> for a grain that has written nothing yet.</summary>
    public static async Task SeedAsync<TState>(ClusterFixture cluster, IAddressable grain, string stateName, TState state)
        where TState : class, new()
    {
        var (storage, stored) = await ReadAsync<TState>(cluster, grain, stateName);
        Assert.False(stored.RecordExists, "the grain's state should not exist yet");
        stored.State = state;
        await storage.WriteStateAsync(stateName, grain.GetGrainId(), stored);
    }

    /// <summary>Rewrites the stored state with <paramref name="change"/>.</summary>
    public static async Task RewriteAsync<TState>(ClusterFixture cluster, IAddressable grain, string stateName, Func<TState, TState> change)
        where TState : class, new()
    {
        var (storage, stored) = await ReadAsync<TState>(cluster, grain, stateName);
        Assert.True(stored.RecordExists, "the grain's state should have been written already");
        stored.State = change(stored.State ?? new TState());
        await storage.WriteStateAsync(stateName, grain.GetGrainId(), stored);
    }

    private static async Task<(IGrainStorage Storage, GrainState<TState> Stored)> ReadAsync<TState>(ClusterFixture cluster, IAddressable grain, string stateName)
        where TState : class, new()
    {
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Coordinator);
        var stored = new GrainState<TState>();
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), stored);
        return (storage, stored);
    }
}
