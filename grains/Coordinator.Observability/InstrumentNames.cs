namespace Coordinator.Observability;

/// <summary>
/// The names of the Coordinator instruments, as OpenTelemetry exports them (a Prometheus scrape writes
/// dots as underscores, and adds <c>_total</c> to counters and the unit to histograms).
/// </summary>
public static class InstrumentNames
{
    /// <summary>Counter: accepted flips, tagged service, region and the arm flipped to.</summary>
    public const string Flips = "coordinator.pointer.flips";

    /// <summary>Observable gauge: each pointer's epoch where its grain is active, tagged service, region and active arm.</summary>
    public const string Epoch = "coordinator.pointer.epoch";

    /// <summary>Observable gauge: 1 per service in its current campaign's state, tagged service and state.</summary>
    public const string CampaignState = "coordinator.campaign.state";

    /// <summary>Counter: campaign states entered, tagged service and state.</summary>
    public const string CampaignTransitions = "coordinator.campaign.transitions";

    /// <summary>Histogram (seconds): from the start of a rollback until every touched region was back on Blue, tagged service.</summary>
    public const string RollbackDuration = "coordinator.campaign.rollback.duration";

    /// <summary>Gauge: the last value a gate measured for a metric, tagged service, region, gate and metric.</summary>
    public const string GateValue = "coordinator.gate.value";

    /// <summary>Gauge: a gate metric's threshold, tagged service, region, gate, metric and bound (pass or stop).</summary>
    public const string GateThreshold = "coordinator.gate.threshold";

    /// <summary>Gauge: a gate metric's last verdict (0 pass, 1 inconclusive, 2 fail), tagged service, region, gate and metric.</summary>
    public const string GateVerdict = "coordinator.gate.verdict";

    /// <summary>Counter: gate verdicts per metric, tagged service, region, gate, metric and verdict.</summary>
    public const string GateJudgements = "coordinator.gate.judgements";

    /// <summary>Counter: new lease tokens granted, tagged service, region and writer.</summary>
    public const string LeaseGrants = "coordinator.lease.grants";

    /// <summary>Counter: lease acquisitions, renewals and token checks refused, tagged service, region, writer and reason.</summary>
    public const string LeaseRejections = "coordinator.lease.rejections";

    /// <summary>Counter: commits whose idempotency key was already in the ledger with the same payload, tagged service, region and group.</summary>
    public const string LedgerDedupeHits = "coordinator.ledger.dedupe_hits";

    /// <summary>Counter: commits whose idempotency key was already in the ledger with another payload, tagged service, region and group.</summary>
    public const string LedgerConflicts = "coordinator.ledger.conflicts";

    /// <summary>Histogram (seconds, SDK): from a flip's persisted time until a resolver applied it, tagged service, region and source.</summary>
    public const string PropagationDelay = "coordinator.resolver.propagation_delay";
}
