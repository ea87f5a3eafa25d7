using Orleans.Storage;

namespace Coordinator.Grains;

/// <summary>
/// What storage holds for a grain's state right now, read beside the activation's own copy rather than
/// into it: for a query that must not answer from a copy another activation may have outdated (see
/// <see cref="StoredStateRecheck"/>), and that runs interleaved, so it must not disturb a write in flight.
/// A read that fails or takes longer than <see cref="Timeout"/> is a named storage error: nothing was answered.
/// </summary>
internal sealed class StoredStateProbe<TState>(IGrainStorage storage, string stateName, GrainId grainId, string what)
    where TState : class, new()
{
    /// <summary>Past this a caller is better told storage did not answer than kept waiting (as the readiness probe's).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<TState> ReadAsync() => (await ReadWithEtagAsync()).State;

    /// <summary>The stored state and its ETag (null when nothing was ever written).</summary>
    public async Task<(TState State, string? Etag)> ReadWithEtagAsync()
    {
        var stored = new GrainState<TState>(new TState());
        try
        {
            await storage.ReadStateAsync(stateName, grainId, stored).WaitAsync(Timeout);
        }
        catch (Exception ex)
        {
            throw StorageUnavailableException.NotRead(what, ex.GetType().Name);
        }

        return (stored.State ?? new TState(), stored.ETag);
    }
}
