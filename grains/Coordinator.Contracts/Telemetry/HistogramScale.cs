namespace Coordinator.Campaigns;

/// <summary>
/// The fixed bucket layouts telemetry histograms use. Fixed layouts make histograms from any
/// process mergeable by adding counts bucket by bucket. A layout is never changed once shipped:
/// a new one gets a new value.
/// </summary>
[GenerateSerializer]
[Alias("coordinator.HistogramScale")]
public enum HistogramScale
{
    /// <summary>
    /// Latency in milliseconds, log-scale. Bucket 0 holds values below 0.1 ms; bucket i (1..140)
    /// holds [0.1·1.1^(i−1), 0.1·1.1^i) ms and reports its geometric middle, so a value from 0.1 ms to
    /// 60 s is reported within 4.9 % (√1.1 − 1) of itself. Bucket 140 ends at about 62.2 s; bucket 141
    /// holds everything above and reports 62.2 s. Bucket 0 reports 0.1 ms.
    /// </summary>
    LatencyMs = 0,

    /// <summary>
    /// A score in [0, 1] (ΔS, coverage): 200 linear buckets of 0.005; bucket i holds
    /// [i·0.005, (i+1)·0.005) (1.0 goes into the last) and reports its middle, within 0.0025.
    /// </summary>
    UnitInterval = 1,
}
