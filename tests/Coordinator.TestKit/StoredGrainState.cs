using Coordinator.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Coordinator.TestKit;

/// <summary>
/// A grain's state read or written through the silo's real storage provider behind the activation's
/// back: another activation's write, someone rewriting storage, or an older version's data.
/// </summary>
public static class StoredGrainState
{
    public static async Task<(IGrainStorage Storage, GrainState<TState> Stored)> ReadAsync<TState>(IServiceProvider silo, IAddressable grain, string stateName)
        where TState : class, new()
    {
        var storage = silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Coordinator);
        var stored = new GrainState<TState>();
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), stored);
        return (storage, stored);
    }

    /// <summary>Stores <paramref name="state"/> for a grain that has written nothing yet.</summary>
    public static async Task SeedAsync<TState>(IServiceProvider silo, IAddressable grain, string stateName, TState state)
        where TState : class, new()
    {
        var (storage, stored) = await ReadAsync<TState>(silo, grain, stateName);
        if (stored.RecordExists)
        {
            throw new InvalidOperationException($"the {stateName} state of {grain.GetGrainId()} should not exist yet");
        }

        stored.State = state;
        await storage.WriteStateAsync(stateName, grain.GetGrainId(), stored);
    }

    /// <summary>Rewrites the stored state with <paramref name="change"/>; the grain must have written it already.</summary>
    public static async Task RewriteAsync<TState>(IServiceProvider silo, IAddressable grain, string stateName, Func<TState, TState> change)
        where TState : class, new()
    {
        var (storage, stored) = await ReadAsync<TState>(silo, grain, stateName);
        if (!stored.RecordExists)
        {
            throw new InvalidOperationException($"the {stateName} state of {grain.GetGrainId()} should have been written already");
        }

        stored.State = change(stored.State ?? new TState());
        await storage.WriteStateAsync(stateName, grain.GetGrainId(), stored);
    }
}
