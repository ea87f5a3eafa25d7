using Coordinator.Campaigns;

namespace Coordinator.Client.Telemetry;

/// <summary>The samples of one (service, region, arm, versions) since the last flush. Callers hold its lock.</summary>
internal sealed class TelemetryAccumulator
{
    private readonly TelemetryTotals _totals = new();

    public long Requests => _totals.Requests;

    /// <summary>Nothing to send: no request and no quality observation.</summary>
    public bool IsEmpty => _totals.Requests == 0 && _totals.QualityObservations == 0;

    /// <summary>Adds a sample that passed <see cref="RequestSample.Validate"/>, so nothing here throws half-way.</summary>
    public void Add(in RequestSample sample)
    {
        _totals.RecordRequest(
            sample.Latency.TotalMilliseconds,
            sample.RetrieveLatency?.TotalMilliseconds,
            sample.RerankLatency?.TotalMilliseconds,
            sample.ReasonLatency?.TotalMilliseconds,
            sample.Error,
            sample.Http5xx);
        _totals.RecordQuality(sample.DeltaS, sample.Coverage, sample.Lambda is { } l ? (l.Flipped, l.Convergent) : null, sample.ToolLoop);
    }

    /// <summary>Adds a quality observation that passed <see cref="QualitySample.Validate"/>.</summary>
    public void Add(in QualitySample sample) =>
        _totals.RecordQualityObservation(sample.DeltaS, sample.Coverage, sample.Lambda is { } l ? (l.Flipped, l.Convergent) : null, sample.ToolLoop);

    public TelemetryBatch ToBatch(TelemetrySeriesKey key, DateTimeOffset from, DateTimeOffset to) =>
        _totals.ToBatch(key.Service, key.Region, key.Arm, key.Versions, from, to);
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
