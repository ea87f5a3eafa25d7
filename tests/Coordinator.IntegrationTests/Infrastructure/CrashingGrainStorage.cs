using Coordinator.Campaigns;
using Coordinator.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Coordinator.IntegrationTests.Infrastructure;

/// <summary>
/// Wraps the coordinator's grain storage and stops a campaign's grain at an armed
/// <see cref="CrashPoint"/>: the matching write of the cutover state is written (or not), the test
/// is told, and the grain call never returns, so the grain cannot act or write again before the
/// test kills its silo. Every other write passes straight through.
/// </summary>
public sealed class CrashingGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.State is not CutoverState { Current: { } status } || CrashPoints.Take(status) is not { } point)
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            return;
        }

        if (point.Persist)
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }

        point.SignalReached();
        await point.Released;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    // The blob provider creates its container as a silo lifecycle participant: keep it one.
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}

/// <summary>Puts <see cref="CrashingGrainStorage"/> around the coordinator storage the product configured.</summary>
public sealed class CrashingStorageConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.WrapCoordinatorStorage(inner => new CrashingGrainStorage(inner));
}
