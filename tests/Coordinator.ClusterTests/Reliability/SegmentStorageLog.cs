using System.Collections.Concurrent;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Coordinator.ClusterTests.Reliability;

/// <summary>
/// Wraps the coordinator's grain storage: notes the key of every segment grain written or read, in
/// order, and can hold reads of segment grains under a key prefix until the test lets them go, or fail
/// them as storage that does not answer would.
/// </summary>
public sealed class SegmentStorageLog(IGrainStorage inner) : IGrainStorage
{
    private const string Segment = "segment";
    private static readonly ConcurrentQueue<string> Written = new();
    private static readonly ConcurrentQueue<string> Read = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Held = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, bool> Failing = new(StringComparer.Ordinal);

    /// <summary>Keys of the segment grains written so far whose key starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> WrittenUnder(string prefix) => [.. Written.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))];

    /// <summary>Keys of the segment grains read from storage so far whose key starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> ReadUnder(string prefix) => [.. Read.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))];

    /// <summary>Fails every read of a segment grain whose key starts with <paramref name="prefix"/> until <see cref="AnswerReadsUnder"/>.</summary>
    public static void FailReadsUnder(string prefix) => Failing[prefix] = true;

    public static void AnswerReadsUnder(string prefix) => Failing.TryRemove(prefix, out _);

    /// <summary>Holds every read of a segment grain whose key starts with <paramref name="prefix"/> until the result is completed.</summary>
    public static TaskCompletionSource HoldReadsUnder(string prefix) =>
        Held.GetOrAdd(prefix, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (stateName == Segment && Held.FirstOrDefault(h => Key(grainId).StartsWith(h.Key, StringComparison.Ordinal)).Value is { } gate)
        {
            await gate.Task;
        }

        if (stateName == Segment && Failing.Keys.Any(prefix => Key(grainId).StartsWith(prefix, StringComparison.Ordinal)))
        {
            throw new TimeoutException("storage did not answer (test)");
        }

        await inner.ReadStateAsync(stateName, grainId, grainState);
        if (stateName == Segment)
        {
            Read.Enqueue(Key(grainId));
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (stateName == Segment)
        {
            Written.Enqueue(Key(grainId));
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    private static string Key(GrainId grainId) => grainId.Key.ToString()!;
}

/// <summary>Puts <see cref="SegmentStorageLog"/> around the coordinator storage.</summary>
public sealed class SegmentStorageLogConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.WrapCoordinatorStorage(inner => new SegmentStorageLog(inner));
}
