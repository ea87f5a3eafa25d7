using Orleans.Concurrency;

namespace Coordinator.Campaigns;

/// <summary>
/// The recent telemetry of one arm of one region, key <see cref="TelemetryKey"/>
/// ("service/region/arm"). Services report through the SDK's <c>TelemetryReporter</c>; gates read
/// windows. Checkpointed every couple of seconds, so the loss of its silo mid-hold costs at most the
/// last seconds of evidence, not the window.
/// </summary>
[Alias("coordinator.ITelemetryGrain")]
public interface ITelemetryGrain : IGrainWithStringKey
{
    /// <summary>Adds one flush. Fire-and-forget: a refused batch is logged by the coordinator.</summary>
    [OneWay]
    [Alias("Report")]
    Task ReportAsync(TelemetryBatch batch);

    /// <summary>
    /// Everything reported in the buckets overlapping [<paramref name="from"/>, <paramref name="to"/>)
    /// merged into one window (resolution: the grain's bucket width, 5 s).
    /// </summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetWindow")]
    Task<TelemetryWindow> GetWindowAsync(DateTimeOffset from, DateTimeOffset to);
}
