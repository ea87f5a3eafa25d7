namespace Coordinator.Arms.Retrieval;

/// <summary>How an index is cut into chunks before BM25 sees them.</summary>
internal enum Chunking
{
    /// <summary>One chunk per passage.</summary>
    Passage,

    /// <summary>One chunk per sentence; a passage scores by its best sentence plus a little of the rest.</summary>
    Sentence,
}

/// <summary>How an arm's index is built; every field takes part in the index hash.</summary>
/// <param name="Name">A label for the build (e.g. <c>passage-bm25-v1</c>).</param>
/// <param name="Chunking">Passage or sentence chunks.</param>
/// <param name="Bigrams">Whether bigrams of neighbouring words are indexed (and queried) beside the words.</param>
/// <param name="Titles">Whether the section title's words are indexed with every chunk.</param>
/// <param name="K1">BM25 term-frequency saturation.</param>
/// <param name="B">BM25 length normalisation.</param>
internal sealed record IndexRecipe(string Name, Chunking Chunking, bool Bigrams, bool Titles, double K1, double B)
{
    public IReadOnlyList<string> Terms(string text) => Bigrams ? TextTerms.WordsAndBigrams(text) : TextTerms.Words(text);

    public string Describe() =>
        FormattableString.Invariant($"{Name};chunking={Chunking};bigrams={Bigrams};titles={Titles};k1={K1};b={B}");
}
