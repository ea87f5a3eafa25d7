using System.Text.Json.Serialization;

namespace Coordinator.Arms;

/// <summary>
/// The answer of <c>POST /ask</c> (the arm contract): which arm answered, the answer, the passages it
/// retrieved (best first), the time each stage took, and the build it answered from.
/// </summary>
public sealed record AskResponse
{
    /// <summary>The arm's name (as <c>x-arm-name</c>).</summary>
    [JsonPropertyName("arm")] public required string Arm { get; init; }

    /// <summary>The composed answer.</summary>
    [JsonPropertyName("answer")] public required string Answer { get; init; }

    /// <summary>The retrieved passages after the rerank, best first: at most <c>top_k</c>, fewer when fewer passages share a word with the question.</summary>
    [JsonPropertyName("passages")] public required IReadOnlyList<RetrievedPassage> Passages { get; init; }

    /// <summary>Milliseconds spent in each stage, added latency included.</summary>
    [JsonPropertyName("timings_ms")] public required StageTimings TimingsMs { get; init; }

    /// <summary>The hash of the index the arm answered from.</summary>
    [JsonPropertyName("index_hash")] public required string IndexHash { get; init; }

    /// <summary>The prompt version that composed the answer.</summary>
    [JsonPropertyName("prompt_ver")] public required string PromptVer { get; init; }

    /// <summary>The seed the answer was composed with (the request's, or 0).</summary>
    [JsonPropertyName("seed")] public int Seed { get; init; }
}

/// <summary>One retrieved passage.</summary>
public sealed record RetrievedPassage
{
    /// <summary>The passage's id in the corpus.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>The id of the passage's section.</summary>
    [JsonPropertyName("section")] public required string Section { get; init; }

    /// <summary>The passage's full text.</summary>
    [JsonPropertyName("text")] public required string Text { get; init; }

    /// <summary>The rerank score (greater is better; comparable only within one answer).</summary>
    [JsonPropertyName("score")] public double Score { get; init; }
}

/// <summary>Milliseconds per stage.</summary>
public sealed record StageTimings
{
    /// <summary>Tokenising the question and searching the index.</summary>
    [JsonPropertyName("retrieve")] public double Retrieve { get; init; }

    /// <summary>Rescoring the candidates.</summary>
    [JsonPropertyName("rerank")] public double Rerank { get; init; }

    /// <summary>Composing the answer.</summary>
    [JsonPropertyName("reason")] public double Reason { get; init; }
}

/// <summary>What an arm was built from: enough to write its manifest.</summary>
/// <param name="Name">The arm's name.</param>
/// <param name="Build">Blue or Green.</param>
/// <param name="IndexHash">The index hash, computed from the build (a damaged index hashes differently).</param>
/// <param name="IndexRecipe">The index recipe (chunking, terms, BM25 parameters).</param>
/// <param name="RerankConf">The reranker and its weights.</param>
/// <param name="PromptVer">The prompt version.</param>
/// <param name="CorpusVersion">The corpus the index was built from.</param>
/// <param name="IndexedPassages">Passages in the index.</param>
/// <param name="DroppedPassageIds">Passages of the corpus left out by <see cref="ArmOptions.DropFraction"/>.</param>
public sealed record ArmBuildInfo(
    string Name,
    ArmBuild Build,
    string IndexHash,
    string IndexRecipe,
    string RerankConf,
    string PromptVer,
    string CorpusVersion,
    int IndexedPassages,
    IReadOnlySet<string> DroppedPassageIds);
