using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests.Reliability;

/// <summary>
/// Wraps the coordinator's grain storage: a write the armed <see cref="HeldWrite"/> matches is held
/// open (the test is told), then failed when the test says so, as a storage outage would leave it.
/// Every other call passes straight through.
/// </summary>
public sealed class HeldWriteStorage(IGrainStorage inner) : IGrainStorage
{
    private static HeldWrite? _armed;

    /// <summary>Holds the next write whose state matches; one at a time.</summary>
    public static HeldWrite Arm(Func<object?, bool> matches) =>
        Interlocked.CompareExchange(ref _armed, new HeldWrite(matches), null) is null
            ? _armed!
            : throw new InvalidOperationException("a held write is already armed");

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_armed is { } held && held.Matches(grainState.State) && Interlocked.CompareExchange(ref _armed, null, held) == held)
        {
            held.Reached.TrySetResult();
            await held.Failure.Task;
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}

/// <summary>One held write: <see cref="Reached"/> when the grain is writing, failed by <see cref="Fail"/>.</summary>
public sealed class HeldWrite(Func<object?, bool> matches)
{
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Failure { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Matches(object? state) => matches(state);

    /// <summary>The storage answers the held write with an error (a timeout, as an outage ends).</summary>
    public void Fail() => Failure.TrySetException(new TimeoutException("storage did not answer (test)"));
}

/// <summary>Puts <see cref="HeldWriteStorage"/> around the coordinator storage the product configured.</summary>
public sealed class HeldWriteStorageConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.WrapCoordinatorStorage(inner => new HeldWriteStorage(inner));
}
