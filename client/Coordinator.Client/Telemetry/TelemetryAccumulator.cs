using Coordinator.Campaigns;

namespace Coordinator.Client.Telemetry;

/// <summary>The samples of one (service, region, arm, versions) since the last flush. Callers hold its lock.</summary>
internal sealed class TelemetryAccumulator
{
    private readonly Histogram _latency = new(HistogramScale.LatencyMs);
    private readonly Histogram _retrieve = new(HistogramScale.LatencyMs);
    private readonly Histogram _rerank = new(HistogramScale.LatencyMs);
    private readonly Histogram _reason = new(HistogramScale.LatencyMs);
    private readonly Histogram _deltaS = new(HistogramScale.UnitInterval);
    private long _errors;
    private long _http5xx;
    private double _deltaSSum;
    private double _coverageSum;
    private long _coverageCount;
    private long _lambdaSamples;
    private long _lambdaFlipped;
    private long _lambdaConvergent;
    private long _toolLoops;

    public long Requests => _latency.Count;

    /// <summary>Adds a sample that passed <see cref="RequestSample.Validate"/>, so nothing here throws half-way.</summary>
    public void Add(in RequestSample sample)
    {
        _latency.Record(sample.Latency.TotalMilliseconds);
        Stage(_retrieve, sample.RetrieveLatency);
        Stage(_rerank, sample.RerankLatency);
        Stage(_reason, sample.ReasonLatency);
        if (sample.Error || sample.Http5xx)
        {
            _errors++;
        }

        if (sample.Http5xx)
        {
            _http5xx++;
        }

        if (sample.DeltaS is { } deltaS)
        {
            _deltaS.Record(deltaS);
            _deltaSSum += deltaS;
        }

        if (sample.Coverage is { } coverage)
        {
            _coverageSum += coverage;
            _coverageCount++;
        }

        if (sample.Lambda is { } lambda)
        {
            _lambdaSamples++;
            _lambdaFlipped += lambda.Flipped ? 1 : 0;
            _lambdaConvergent += lambda.Convergent ? 1 : 0;
        }

        _toolLoops += sample.ToolLoop ? 1 : 0;
    }

    public TelemetryBatch ToBatch(TelemetrySeriesKey key, DateTimeOffset from, DateTimeOffset to) => new()
    {
        Service = key.Service,
        Region = key.Region,
        Arm = key.Arm,
        Versions = key.Versions,
        From = from,
        To = to,
        RequestCount = Requests,
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
    };

    private static void Stage(Histogram histogram, TimeSpan? latency)
    {
        if (latency is { } value)
        {
            histogram.Record(value.TotalMilliseconds);
        }
    }
}

/// <summary>What one batch is reported for.</summary>
internal readonly record struct TelemetrySeriesKey(string Service, string Region, Arm Arm, PinnedVersions Versions);

/// <summary>One key's accumulator and its lock; retired once removed from the reporter's map.</summary>
internal sealed class PendingTelemetry
{
    public readonly Lock Gate = new();

    public TelemetryAccumulator Samples { get; set; } = new();

    public bool Retired { get; set; }
}
