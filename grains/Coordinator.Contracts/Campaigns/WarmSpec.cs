using System.Collections.Immutable;

namespace Coordinator.Campaigns;

/// <summary>
/// Lets the coordinator run the reference evaluator itself at Warm Green: the gold set travels inside
/// the spec (silos cannot read the operator's files), and Green's endpoint for the region comes from its
/// registered manifest. Without it, Warm Green waits for a smoke report submitted from outside.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.WarmSpec")]
public sealed record WarmSpec
{
    /// <summary>Where the gold set came from (the path in the spec file), for the record.</summary>
    [Id(0)] public required string GoldSet { get; init; }

    /// <summary>The gold set's text (JSON Lines), read by the console from <see cref="GoldSet"/> or given inline.</summary>
    [Id(1)] public required string GoldSetContent { get; init; }

    /// <summary>The seeds every paraphrase is asked with.</summary>
    [Id(2)] public ImmutableList<int> Seeds { get; init; } = [1, 2];

    /// <summary>Calls in flight at once.</summary>
    [Id(3)] public int Concurrency { get; init; } = 4;

    /// <summary>Per call to the arm.</summary>
    [Id(4)] public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Warm-up passes over the gold set before measuring (answers not measured).</summary>
    [Id(5)] public int Warmup { get; init; } = 1;
}

/// <summary>What the coordinator's own evaluator measured for a region at Warm Green, saved with the campaign.</summary>
[GenerateSerializer, Immutable]
[Alias("coordinator.WarmEvaluation")]
public sealed record WarmEvaluation
{
    /// <summary>The gold set's name (its header).</summary>
    [Id(0)] public required string GoldSet { get; init; }

    /// <summary><c>sha256:</c> of the gold set's text: names exactly what was run.</summary>
    [Id(1)] public required string GoldSetFingerprint { get; init; }

    /// <summary>The embedder that measured ΔS, "provider/model@version".</summary>
    [Id(2)] public required string Embedder { get; init; }

    /// <summary>Green's <c>/ask</c> URL the evaluator called.</summary>
    [Id(3)] public required string AskUrl { get; init; }

    /// <summary>Measured calls (item × paraphrase × seed).</summary>
    [Id(4)] public required int Calls { get; init; }

    /// <summary>Measured calls that failed (timeouts, 5xx, malformed answers); their items are left out of the report.</summary>
    [Id(5)] public required int FailedCalls { get; init; }

    /// <summary>Items left out because a call failed.</summary>
    [Id(6)] public required int ErroredItems { get; init; }

    /// <summary>The first failure, as the evaluator named it; null when none.</summary>
    [Id(7)] public string? FirstError { get; init; }

    /// <summary>The whole run, warm-up included.</summary>
    [Id(8)] public required TimeSpan WallTime { get; init; }

    /// <summary>The smoke report's numbers as the Warm gate reads them.</summary>
    [Id(9)] public required SmokeSummary Summary { get; init; }
}
