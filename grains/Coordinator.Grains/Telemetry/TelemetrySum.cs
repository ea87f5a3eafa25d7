using Coordinator.Campaigns;

namespace Coordinator.Grains.Telemetry;

/// <summary>
/// A running sum of telemetry batches (one time bucket, or a whole window): counts add, histograms
/// merge, and up to two distinct version sets are remembered (two are enough to know the sum is mixed).
/// Pure and not thread-safe.
/// </summary>
public sealed class TelemetrySum
{
    private readonly List<PinnedVersions> _versions = new(1);
    private readonly Histogram _latency = new(HistogramScale.LatencyMs);
    private readonly Histogram _retrieve = new(HistogramScale.LatencyMs);
    private readonly Histogram _rerank = new(HistogramScale.LatencyMs);
    private readonly Histogram _reason = new(HistogramScale.LatencyMs);
    private readonly Histogram _deltaS = new(HistogramScale.UnitInterval);
    private long _requests;
    private long _errors;
    private long _http5xx;
    private double _deltaSSum;
    private double _coverageSum;
    private long _coverageCount;
    private long _lambdaSamples;
    private long _lambdaFlipped;
    private long _lambdaConvergent;
    private long _toolLoops;

    public long RequestCount => _requests;

    /// <summary>Adds a batch that <see cref="TelemetryBatchRules"/> accepted.</summary>
    public void Add(TelemetryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        AddVersions(batch.Versions);
        _requests += batch.RequestCount;
        _errors += batch.ErrorCount;
        _http5xx += batch.Http5xxCount;
        _latency.Merge(batch.Latency);
        _retrieve.Merge(batch.RetrieveLatency);
        _rerank.Merge(batch.RerankLatency);
        _reason.Merge(batch.ReasonLatency);
        _deltaS.Merge(batch.DeltaS);
        _deltaSSum += batch.DeltaSSum;
        _coverageSum += batch.CoverageSum;
        _coverageCount += batch.CoverageCount;
        _lambdaSamples += batch.LambdaSamples;
        _lambdaFlipped += batch.LambdaFlipped;
        _lambdaConvergent += batch.LambdaConvergent;
        _toolLoops += batch.ToolLoopSignals;
    }

    public void Add(TelemetrySum other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var versions in other._versions)
        {
            AddVersions(versions);
        }

        _requests += other._requests;
        _errors += other._errors;
        _http5xx += other._http5xx;
        _latency.Merge(other._latency);
        _retrieve.Merge(other._retrieve);
        _rerank.Merge(other._rerank);
        _reason.Merge(other._reason);
        _deltaS.Merge(other._deltaS);
        _deltaSSum += other._deltaSSum;
        _coverageSum += other._coverageSum;
        _coverageCount += other._coverageCount;
        _lambdaSamples += other._lambdaSamples;
        _lambdaFlipped += other._lambdaFlipped;
        _lambdaConvergent += other._lambdaConvergent;
        _toolLoops += other._toolLoops;
    }

    /// <summary>
    /// The window this sum describes: p50/p95 from the merged histograms, means from exact sums,
    /// λ flip rate = flipped / samples, λ convergent only when every one of at least one sample was.
    /// Versions are null and <see cref="TelemetryWindow.MixedVersions"/> set when more than one set was seen.
    /// </summary>
    public TelemetryWindow ToWindow(string service, string region, Arm arm, DateTimeOffset from, DateTimeOffset to) => new()
    {
        Service = service,
        Region = region,
        Arm = arm,
        Versions = _versions.Count == 1 ? _versions[0] : null,
        MixedVersions = _versions.Count > 1,
        From = from,
        To = to,
        RequestCount = _requests,
        ErrorCount = _errors,
        Http5xxCount = _http5xx,
        Latency = Stats(_latency),
        RetrieveLatency = Stats(_retrieve),
        RerankLatency = Stats(_rerank),
        ReasonLatency = Stats(_reason),
        DeltaSMean = _deltaS.Count == 0 ? 0 : _deltaSSum / _deltaS.Count,
        DeltaSP95 = _deltaS.Quantile(0.95),
        DeltaSSamples = _deltaS.Count,
        CoverageMean = _coverageCount == 0 ? 0 : _coverageSum / _coverageCount,
        CoverageSamples = _coverageCount,
        LambdaFlipRate = _lambdaSamples == 0 ? 0 : (double)_lambdaFlipped / _lambdaSamples,
        LambdaConvergent = _lambdaSamples > 0 && _lambdaConvergent == _lambdaSamples,
        LambdaSamples = _lambdaSamples,
        ToolLoopSignals = _toolLoops,
    };

    private static LatencyStats Stats(Histogram histogram) =>
        histogram.Count == 0 ? LatencyStats.None : new LatencyStats { P50Ms = histogram.Quantile(0.50), P95Ms = histogram.Quantile(0.95) };

    private void AddVersions(PinnedVersions versions)
    {
        if (_versions.Count < 2 && !_versions.Contains(versions))
        {
            _versions.Add(versions);
        }
    }
}
