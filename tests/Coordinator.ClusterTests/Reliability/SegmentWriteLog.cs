using System.Collections.Concurrent;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests.Reliability;

/// <summary>Wraps the coordinator's grain storage and notes the key of every segment grain written, in order.</summary>
public sealed class SegmentWriteLog(IGrainStorage inner) : IGrainStorage
{
    private static readonly ConcurrentQueue<string> Written = new();

    /// <summary>Keys of the segment grains written so far whose key starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> WrittenUnder(string prefix) => [.. Written.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))];

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (stateName == "segment")
        {
            Written.Enqueue(grainId.Key.ToString()!);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}

/// <summary>Puts <see cref="SegmentWriteLog"/> around the coordinator storage.</summary>
public sealed class SegmentWriteLogConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.WrapCoordinatorStorage(inner => new SegmentWriteLog(inner));
}
