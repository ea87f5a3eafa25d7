namespace Coordinator.Fleet;

/// <summary>What the simulated fleet runs: one service in some regions, following one campaign.</summary>
public sealed record FleetOptions
{
    public required string Service { get; init; }

    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>The campaign whose Warm Green steps the evaluator answers.</summary>
    public required string CampaignId { get; init; }

    /// <summary>The writer lease each region's background writer holds (the campaign's fences.writers).</summary>
    public string Writer { get; init; } = "indexer";

    /// <summary>The consumer group each region's queue consumer belongs to (the campaign's fences.consumer_groups).</summary>
    public string ConsumerGroup { get; init; } = "webhooks";

    public IReadOnlyList<FaultInjection> Injections { get; init; } = [];

    /// <summary>
    /// Real request traffic instead of the simulated loops (e.g. HTTP through an edge per region). Its arms
    /// carry the injections themselves, so the evaluator's simulated smoke reports are then of an undegraded
    /// Green and the gates catch a degradation on the live traffic.
    /// </summary>
    public IFleetTraffic? Traffic { get; init; }

    /// <summary>
    /// Whether the fleet's simulated evaluator submits a smoke report at each Warm Green step (the default).
    /// False when the campaign's spec names a gold set and the coordinator measures Green itself (the demo):
    /// a report from outside would be judged instead of the coordinator's measurement.
    /// </summary>
    public bool SimulatedEvaluator { get; init; } = true;

    /// <summary>Request loops per region; with <see cref="RequestInterval"/>, about 150 requests/s per region.</summary>
    public int LoopsPerRegion { get; init; } = 3;

    public TimeSpan RequestInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan WriteInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ConsumerHeartbeat { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan EvaluatorPoll { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Partitions of the simulated queue, when the fleet has to configure the consumer pointer itself.</summary>
    public int Partitions { get; init; } = 2;

    /// <summary>
    /// Keep serving while the campaign waits for an operator (an inconclusive gate, a manual approval) and stop only
    /// once it completed or rolled back: a game day's operator decides with the traffic still running, and the fleet
    /// then sees the rollback or the next waves. False: the run ends at the wait, as `campaign watch` does.
    /// </summary>
    public bool UntilEnded { get; init; }

    /// <summary>How long to wait for every region's Blue and Green to be registered before giving up.</summary>
    public TimeSpan ArmsDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Who the fleet names when it configures a consumer pointer.</summary>
    public const string OperatorName = "fleet-simulation";

    public IEnumerable<FaultInjection> InjectionsFor(string region) => Injections.Where(i => i.Region == region);
}
