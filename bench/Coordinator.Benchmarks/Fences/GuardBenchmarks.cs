using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Coordinator.Client.Fences;
using Coordinator.Fences;

namespace Coordinator.Benchmarks.Fences;

/// <summary>
/// BenchmarkDotNet cases for figure 5, run in-process against a guard that has already validated
/// the token once (so it answers from its cache). Public and unsealed because BenchmarkDotNet
/// requires it.
/// </summary>
public class GuardBenchmarks
{
    private LeaseSinkGuard _guard = null!;
    private LeaseToken _token = null!;
    private ConcurrentDictionary<(string, string, string), object> _baseline = null!;
    private object _gate = null!;

    /// <summary>Set by the harness before BenchmarkDotNet runs; BenchmarkDotNet creates this class itself.</summary>
    internal static (LeaseSinkGuard Guard, LeaseToken Token)? Subject { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_guard, _token) = Subject ?? throw new InvalidOperationException("no guard was handed to the benchmark");
        var first = _guard.CheckAsync(_token);
        if (!first.IsCompletedSuccessfully || first.Result != LeaseValidity.Valid)
        {
            throw new InvalidOperationException($"the guard does not answer {_token.LeaseKey} token {_token.FencingToken} as Valid from its cache");
        }

        // What any guard keyed like this one pays at least: one lookup with the same key shape, one lock.
        _baseline = new ConcurrentDictionary<(string, string, string), object>();
        _baseline[(_token.Service, _token.Region, _token.Writer)] = new object();
        _gate = new object();
    }

    /// <summary>Figure 5: what a write sink does before every write.</summary>
    [Benchmark(Description = "CheckAsync (figure 5)")]
    public LeaseValidity CheckAsync()
    {
        var pending = _guard.CheckAsync(_token);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "IsValidAsync")]
    public bool IsValidAsync()
    {
        var pending = _guard.IsValidAsync(_token);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "baseline: ConcurrentDictionary<(string,string,string)> lookup + lock")]
    public object? DictionaryLookupAndLock()
    {
        if (!_baseline.TryGetValue((_token.Service, _token.Region, _token.Writer), out var value))
        {
            return null;
        }

        lock (_gate)
        {
            return value;
        }
    }

    [Benchmark(Description = "part: TimeProvider.System.GetUtcNow()")]
    public DateTimeOffset UtcNow() => TimeProvider.System.GetUtcNow();
}
