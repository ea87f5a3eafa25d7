using System.Collections.Immutable;

namespace Coordinator.Grains.Segments;

/// <summary>
/// A sealed, immutable block of entries kept apart from its owner's state (old audit entries, old
/// idempotency keys), so the owner's every write stays small. Written once, read on activation.
/// Keys carry a fresh id per seal, so two activations of an owner never write different contents
/// under one key: the owner's state names exactly the segments it wrote.
/// </summary>
[Alias("coordinator.ISegmentGrain`1")]
public interface ISegmentGrain<TEntry> : IGrainWithStringKey
{
    [Alias("Write")]
    Task WriteAsync(ImmutableList<TEntry> entries);

    [Alias("Read")]
    Task<ImmutableList<TEntry>> ReadAsync();

    [Alias("Clear")]
    Task ClearAsync();
}

[GenerateSerializer, Immutable]
[Alias("coordinator.SegmentState`1")]
public sealed record SegmentState<TEntry>
{
    [Id(0)] public ImmutableList<TEntry> Entries { get; init; } = [];
}

public sealed class SegmentGrain<TEntry>(
    [PersistentState("segment", StorageNames.Coordinator)] IPersistentState<SegmentState<TEntry>> state) : Grain, ISegmentGrain<TEntry>
{
    async Task ISegmentGrain<TEntry>.WriteAsync(ImmutableList<TEntry> entries)
    {
        state.State = new SegmentState<TEntry> { Entries = entries };
        await state.WriteStateAsync();
    }

    Task<ImmutableList<TEntry>> ISegmentGrain<TEntry>.ReadAsync()
    {
        // Owners keep what they need (a ledger keeps fingerprints); thousands of idle segments should not stay in memory.
        DeactivateOnIdle();
        return Task.FromResult(state.State.Entries);
    }

    async Task ISegmentGrain<TEntry>.ClearAsync()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
