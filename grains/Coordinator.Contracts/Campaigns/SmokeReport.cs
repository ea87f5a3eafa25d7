using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>λ states as the evaluator observes them per seed.</summary>
[GenerateSerializer]
[Alias("coordinator.LambdaState")]
public enum LambdaState
{
    Convergent = 0,
    Divergent = 1,
    Recursive = 2,
    Chaotic = 3,
}

/// <summary>One gold question run against Green: ΔS per paraphrase, coverage, λ per seed, latency.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.SmokeItem")]
public sealed record SmokeItem
{
    [Id(0)] public required string Id { get; init; }

    /// <summary>ΔS(question, retrieved), one value per paraphrase of the question.</summary>
    [Id(1)] public required ImmutableList<double> DeltaS { get; init; }

    [Id(2)] public required double Coverage { get; init; }

    /// <summary>λ state, one per seed.</summary>
    [Id(3)] public required ImmutableList<LambdaState> Lambda { get; init; }

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

    [Id(0)] public required string Service { get; init; }
    [Id(1)] public required string Region { get; init; }
    [Id(2)] public Arm Arm { get; init; } = Arm.Green;

    /// <summary>The versions the smoke run was pinned to; null when unknown.</summary>
    [Id(3)] public PinnedVersions? Versions { get; init; }

    [Id(4)] public required DateTimeOffset SubmittedAt { get; init; }
    [Id(5)] public string Evaluator { get; init; } = string.Empty;
    [Id(6)] public required ImmutableList<SmokeItem> Items { get; init; }
}

/// <summary>A smoke report reduced to the numbers the Warm Green gate judges.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.SmokeSummary")]
public sealed record SmokeSummary
{
    [Id(0)] public required int Items { get; init; }

    /// <summary>Items with every paraphrase and every seed; only these are judged.</summary>
    [Id(1)] public required int CompleteItems { get; init; }

    [Id(2)] public required ImmutableList<string> IncompleteItemIds { get; init; }

    /// <summary>p95 (nearest rank) over complete items of each item's worst paraphrase ΔS.</summary>
    [Id(3)] public double? DeltaSP95 { get; init; }

    [Id(4)] public double? DeltaSWorst { get; init; }
    [Id(5)] public string? DeltaSWorstItemId { get; init; }
    [Id(6)] public double? CoverageMean { get; init; }

    /// <summary>Share of complete items that are λ-convergent on every seed.</summary>
    [Id(7)] public double? LambdaConvergence { get; init; }

    [Id(8)] public required ImmutableList<string> NonConvergentItemIds { get; init; }
    [Id(9)] public double? LatencyP50Ms { get; init; }
    [Id(10)] public double? LatencyP95Ms { get; init; }
}
