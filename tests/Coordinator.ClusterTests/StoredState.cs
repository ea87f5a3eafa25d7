using Coordinator.TestKit;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests;

/// <summary>
/// A grain's state read or written through the real storage provider behind the activation's back, on
/// the test cluster's first silo: another activation's write, or someone rewriting storage.
/// </summary>
internal static class StoredState
{
    public static Task<(IGrainStorage Storage, GrainState<TState> Stored)> ReadAsync<TState>(TestCluster cluster, IAddressable grain, string stateName)
        where TState : class, new() =>
        StoredGrainState.ReadAsync<TState>(Silo(cluster), grain, stateName);

    /// <summary>The stored state; the grain must have written it already.</summary>
    public static async Task<TState> ValueAsync<TState>(TestCluster cluster, IAddressable grain, string stateName)
        where TState : class, new()
    {
        var (_, stored) = await ReadAsync<TState>(cluster, grain, stateName);
        Assert.True(stored.RecordExists, "the grain's state should have been written already");
        return stored.State ?? new TState();
    }

    /// <summary>Stores <paramref name="state"/> for a grain that has written nothing yet (as an older version of the product left it).</summary>
    public static Task SeedAsync<TState>(TestCluster cluster, IAddressable grain, string stateName, TState state)
        where TState : class, new() =>
        StoredGrainState.SeedAsync(Silo(cluster), grain, stateName, state);

    /// <summary>Rewrites the stored state with <paramref name="change"/>, as another activation (or an attacker) would.</summary>
    public static Task WriteBehindAsync<TState>(TestCluster cluster, IAddressable grain, string stateName, Func<TState, TState> change)
        where TState : class, new() =>
        StoredGrainState.RewriteAsync(Silo(cluster), grain, stateName, change);

    private static IServiceProvider Silo(TestCluster cluster) => ((InProcessSiloHandle)cluster.Silos[0]).SiloHost.Services;
}
