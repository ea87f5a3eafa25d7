using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Coordinator.Client;

namespace Coordinator.Benchmarks.Figures;

/// <summary>
/// BenchmarkDotNet cases for figure 1, run in-process (see <see cref="CachedReadFigure"/>) against a
/// resolver that the harness has connected and loaded. Public and unsealed because BenchmarkDotNet
/// requires it.
/// </summary>
public class CachedReadBenchmarks
{
    private ActiveArmResolver _resolver = null!;
    private string _service = null!;
    private string _region = null!;
    private ConcurrentDictionary<(string, string), object> _baseline = null!;
    private ActiveArm? _pinned;

    /// <summary>Set by the harness before BenchmarkDotNet runs; BenchmarkDotNet creates this class itself.</summary>
    internal static (ActiveArmResolver Resolver, string Service, string Region)? Subject { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_resolver, _service, _region) = Subject ?? throw new InvalidOperationException("no resolver was handed to the benchmark");
        if (_resolver.TryGetCached(_service, _region) is null)
        {
            throw new InvalidOperationException($"{_service}/{_region} is not loaded in the resolver");
        }

        // The floor for any design keyed like the resolver's cache: one lookup, same key shape.
        _baseline = new ConcurrentDictionary<(string, string), object>();
        _baseline[(_service, _region)] = new object();
        _pinned = _resolver.TryGetCached(_service, _region);
    }

    /// <summary>Figure 1: what a request handler does on every request.</summary>
    [Benchmark(Description = "GetAsync (figure 1)")]
    public ActiveArm GetAsync()
    {
        var pending = _resolver.GetAsync(_service, _region);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "TryGetCached")]
    public ActiveArm? TryGetCached() => _resolver.TryGetCached(_service, _region);

    [Benchmark(Description = "baseline: ConcurrentDictionary<(string,string)> lookup")]
    public object? DictionaryLookup() => _baseline.TryGetValue((_service, _region), out var value) ? value : null;

    /// <summary>What a read through a per-region handle (no key lookup) would cost: one volatile read.</summary>
    [Benchmark(Description = "floor: volatile read of a held snapshot")]
    public ActiveArm? PinnedRead() => Volatile.Read(ref _pinned);
}
