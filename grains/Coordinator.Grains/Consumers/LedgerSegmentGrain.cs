using System.Collections.Immutable;

namespace Coordinator.Grains.Consumers;

/// <summary>A sealed block of a consumer pointer's idempotency ledger; written once, read on activation.</summary>
[Alias("coordinator.ILedgerSegmentGrain")]
public interface ILedgerSegmentGrain : IGrainWithStringKey
{
    [Alias("Write")]
    Task WriteAsync(ImmutableList<LedgerEntry> entries);

    [Alias("Read")]
    Task<ImmutableList<LedgerEntry>> ReadAsync();

    [Alias("Clear")]
    Task ClearAsync();
}

[GenerateSerializer, Immutable]
[Alias("coordinator.LedgerSegmentState")]
public sealed record LedgerSegmentState
{
    [Id(0)] public ImmutableList<LedgerEntry> Entries { get; init; } = [];
}

/// <summary>
/// Each segment key carries a fresh id, so two activations of a pointer can never write different
/// contents under one key: the pointer's state names exactly the segments it wrote.
/// </summary>
public sealed class LedgerSegmentGrain(
    [PersistentState("ledger-segment", StorageNames.Coordinator)] IPersistentState<LedgerSegmentState> state) : Grain, ILedgerSegmentGrain
{
    async Task ILedgerSegmentGrain.WriteAsync(ImmutableList<LedgerEntry> entries)
    {
        state.State = new LedgerSegmentState { Entries = entries };
        await state.WriteStateAsync();
    }

    Task<ImmutableList<LedgerEntry>> ILedgerSegmentGrain.ReadAsync() => Task.FromResult(state.State.Entries);

    async Task ILedgerSegmentGrain.ClearAsync()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
