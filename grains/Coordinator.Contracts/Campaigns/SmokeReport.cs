using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>λ states as the evaluator observes them per seed.</summary>
[GenerateSerializer]
[Alias("coordinator.LambdaState")]
public enum LambdaState
{
    /// <summary>Settled: the only state that counts as convergent for the gates.</summary>
    Convergent = 0,
    /// <summary>Moving away from a stable state; not convergent.</summary>
    Divergent = 1,
    /// <summary>Cycling back on itself; not convergent.</summary>
    Recursive = 2,
    /// <summary>No stable pattern; not convergent.</summary>
    Chaotic = 3,
}

/// <summary>One gold question run against Green: ΔS per paraphrase, coverage, λ per seed, latency.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.SmokeItem")]
public sealed record SmokeItem
{
    /// <summary>The gold item's id, unique within the report; named in gate reasons.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>ΔS(question, retrieved), one value per paraphrase of the question.</summary>
    [Id(1)] public required ImmutableList<double> DeltaS { get; init; }

    /// <summary>The item's coverage score in [0, 1]; higher is better.</summary>
    [Id(2)] public required double Coverage { get; init; }

    /// <summary>λ state, one per seed.</summary>
    [Id(3)] public required ImmutableList<LambdaState> Lambda { get; init; }

    /// <summary>End-to-end latency of the item's run, in milliseconds.</summary>
    [Id(4)] public required double LatencyMs { get; init; }
}

/// <summary>
/// The Warm Green smoke run of one region's Green arm over the gold set (20-40 items), submitted by
/// an evaluator through the SDK.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.SmokeReport")]
public sealed record SmokeReport
{
    /// <summary>At most this many items in one report.</summary>
    public const int MaxItems = 1000;

    /// <summary>The service the campaign moves.</summary>
    [Id(0)] public required string Service { get; init; }
    /// <summary>The region in Warm Green the report is for.</summary>
    [Id(1)] public required string Region { get; init; }
    /// <summary>The arm the gold set ran against; Green, since a smoke report judges Green before it serves.</summary>
    [Id(2)] public Arm Arm { get; init; } = Arm.Green;

    /// <summary>The versions the smoke run was pinned to; null when unknown.</summary>
    [Id(3)] public PinnedVersions? Versions { get; init; }

    /// <summary>When the evaluator finished; the Warm gate's <see cref="GateResult.AsOf"/>.</summary>
    [Id(4)] public required DateTimeOffset SubmittedAt { get; init; }
    /// <summary>Who or what ran the gold set, for the record; empty when not given.</summary>
    [Id(5)] public string Evaluator { get; init; } = string.Empty;
    /// <summary>The gold items' results, at most <see cref="MaxItems"/>.</summary>
    [Id(6)] public required ImmutableList<SmokeItem> Items { get; init; }
}

/// <summary>A smoke report reduced to the numbers the Warm Green gate judges.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.SmokeSummary")]
public sealed record SmokeSummary
{
    /// <summary>Items in the report.</summary>
    [Id(0)] public required int Items { get; init; }

    /// <summary>Items with every paraphrase and every seed; only these are judged.</summary>
    [Id(1)] public required int CompleteItems { get; init; }

    /// <summary>Items lacking paraphrases or seeds, left out of every number below.</summary>
    [Id(2)] public required ImmutableList<string> IncompleteItemIds { get; init; }

    /// <summary>p95 (nearest rank) over complete items of each item's worst paraphrase ΔS.</summary>
    [Id(3)] public double? DeltaSP95 { get; init; }

    /// <summary>The worst ΔS of any complete item's paraphrases; null without complete items.</summary>
    [Id(4)] public double? DeltaSWorst { get; init; }
    /// <summary>The item with <see cref="DeltaSWorst"/>.</summary>
    [Id(5)] public string? DeltaSWorstItemId { get; init; }
    /// <summary>Mean coverage over complete items; null without any.</summary>
    [Id(6)] public double? CoverageMean { get; init; }

    /// <summary>Share of complete items that are λ-convergent on every seed.</summary>
    [Id(7)] public double? LambdaConvergence { get; init; }

    /// <summary>Complete items not λ-convergent on every seed.</summary>
    [Id(8)] public required ImmutableList<string> NonConvergentItemIds { get; init; }
    /// <summary>Median latency over complete items, in milliseconds; null without any.</summary>
    [Id(9)] public double? LatencyP50Ms { get; init; }
    /// <summary>p95 latency (nearest rank) over complete items, in milliseconds; null without any.</summary>
    [Id(10)] public double? LatencyP95Ms { get; init; }
}
