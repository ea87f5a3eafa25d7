using Coordinator.TestKit;

namespace Coordinator.ConsoleTests.Infrastructure;

/// <summary>A grain's state read or written through the embedded silo's storage behind the grain: someone rewriting storage, or an older version's data.</summary>
public static class SiloStorage
{
    /// <summary>Stores <paramref name="state"/> for a grain that has written nothing yet.</summary>
    public static Task SeedAsync<TState>(ClusterFixture cluster, IAddressable grain, string stateName, TState state)
        where TState : class, new() =>
        StoredGrainState.SeedAsync(cluster.SiloServices, grain, stateName, state);

    /// <summary>Rewrites the stored state with <paramref name="change"/>.</summary>
    public static Task RewriteAsync<TState>(ClusterFixture cluster, IAddressable grain, string stateName, Func<TState, TState> change)
        where TState : class, new() =>
        StoredGrainState.RewriteAsync(cluster.SiloServices, grain, stateName, change);
}
