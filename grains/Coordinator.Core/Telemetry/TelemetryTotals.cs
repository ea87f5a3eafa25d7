namespace Coordinator.Campaigns;

/// <summary>
/// Running totals of telemetry: counts, exact sums and mergeable histograms. The SDK records requests
/// into one and sends it as a <see cref="TelemetryBatch"/>; the coordinator adds batches (and other
/// totals) into time buckets and windows and reads a <see cref="TelemetryWindow"/> from the sum.
/// Not thread-safe.
/// </summary>
public sealed class TelemetryTotals
{
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
    private long _qualityObservations;

    public long Requests => _requests;

    /// <summary>Quality observations recorded without a request (<see cref="TelemetryBatch.QualityObservations"/>).</summary>
    public long QualityObservations => _qualityObservations;

    /// <summary>Records the quality signals of an answer whose request someone else counted.</summary>
    public void RecordQualityObservation(double? deltaS, double? coverage, (bool Flipped, bool Convergent)? lambda, bool toolLoop)
    {
        _qualityObservations++;
        RecordQuality(deltaS, coverage, lambda, toolLoop);
    }

    /// <summary>Records one request served; stage latencies only when the request reported them.</summary>
    public void RecordRequest(double latencyMs, double? retrieveMs, double? rerankMs, double? reasonMs, bool error, bool http5xx)
    {
        _requests++;
        _latency.Record(latencyMs);
        Record(_retrieve, retrieveMs);
        Record(_rerank, rerankMs);
        Record(_reason, reasonMs);
        _errors += error || http5xx ? 1 : 0;
        _http5xx += http5xx ? 1 : 0;
    }

    /// <summary>Records the quality signals one request carried, if any.</summary>
    public void RecordQuality(double? deltaS, double? coverage, (bool Flipped, bool Convergent)? lambda, bool toolLoop)
    {
        if (deltaS is { } d)
        {
            _deltaS.Record(d);
            _deltaSSum += d;
        }

        if (coverage is { } c)
        {
            _coverageSum += c;
            _coverageCount++;
        }

        if (lambda is { } l)
        {
            _lambdaSamples++;
            _lambdaFlipped += l.Flipped ? 1 : 0;
            _lambdaConvergent += l.Convergent ? 1 : 0;
        }

        _toolLoops += toolLoop ? 1 : 0;
    }

    /// <summary>Adds a batch that was checked to be mergeable.</summary>
    public void Add(TelemetryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _latency.Merge(batch.Latency);
        _retrieve.Merge(batch.RetrieveLatency);
        _rerank.Merge(batch.RerankLatency);
        _reason.Merge(batch.ReasonLatency);
        _deltaS.Merge(batch.DeltaS);
        AddCounts(batch.RequestCount, batch.ErrorCount, batch.Http5xxCount, batch.DeltaSSum, batch.CoverageSum, batch.CoverageCount,
            batch.LambdaSamples, batch.LambdaFlipped, batch.LambdaConvergent, batch.ToolLoopSignals, batch.QualityObservations);
    }

    public void Add(TelemetryTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _latency.Merge(other._latency);
        _retrieve.Merge(other._retrieve);
        _rerank.Merge(other._rerank);
        _reason.Merge(other._reason);
        _deltaS.Merge(other._deltaS);
        AddCounts(other._requests, other._errors, other._http5xx, other._deltaSSum, other._coverageSum, other._coverageCount,
            other._lambdaSamples, other._lambdaFlipped, other._lambdaConvergent, other._toolLoops, other._qualityObservations);
    }

    public TelemetryBatch ToBatch(string service, string region, Arm arm, PinnedVersions versions, DateTimeOffset from, DateTimeOffset to) => new()
    {
        Service = service,
        Region = region,
        Arm = arm,
        Versions = versions,
        From = from,
        To = to,
        RequestCount = _requests,
        ErrorCount = _errors,
        Http5xxCount = _http5xx,
        Latency = _latency.ToCounts(),
        RetrieveLatency = _retrieve.ToCounts(),
        RerankLatency = _rerank.ToCounts(),
        ReasonLatency = _reason.ToCounts(),
        DeltaS = _deltaS.ToCounts(),
        DeltaSSum = _deltaSSum,
        CoverageSum = _coverageSum,
        CoverageCount = _coverageCount,
        LambdaSamples = _lambdaSamples,
        LambdaFlipped = _lambdaFlipped,
        LambdaConvergent = _lambdaConvergent,
        ToolLoopSignals = _toolLoops,
        QualityObservations = _qualityObservations,
    };

    /// <summary>
    /// The window these totals describe: p50/p95 from the merged histograms, means from exact sums,
    /// λ flip rate = flipped / samples, λ convergent only when every one of at least one sample was.
    /// </summary>
    /// <param name="versions">The one set of versions every request was served with, or null when mixed.</param>
    public TelemetryWindow ToWindow(string service, string region, Arm arm, PinnedVersions? versions, bool mixedVersions, DateTimeOffset from, DateTimeOffset to) => new()
    {
        Service = service,
        Region = region,
        Arm = arm,
        Versions = versions,
        MixedVersions = mixedVersions,
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
        LatencyHistogram = _latency.ToCounts(),
        DeltaSHistogram = _deltaS.ToCounts(),
    };

    private void AddCounts(
        long requests, long errors, long http5xx, double deltaSSum, double coverageSum, long coverageCount,
        long lambdaSamples, long lambdaFlipped, long lambdaConvergent, long toolLoops, long qualityObservations)
    {
        _qualityObservations += qualityObservations;
        _requests += requests;
        _errors += errors;
        _http5xx += http5xx;
        _deltaSSum += deltaSSum;
        _coverageSum += coverageSum;
        _coverageCount += coverageCount;
        _lambdaSamples += lambdaSamples;
        _lambdaFlipped += lambdaFlipped;
        _lambdaConvergent += lambdaConvergent;
        _toolLoops += toolLoops;
    }

    private static void Record(Histogram histogram, double? value)
    {
        if (value is { } v)
        {
            histogram.Record(v);
        }
    }

    private static LatencyStats Stats(Histogram histogram) =>
        histogram.Count == 0 ? LatencyStats.None : new LatencyStats { P50Ms = histogram.Quantile(0.50), P95Ms = histogram.Quantile(0.95) };
}
