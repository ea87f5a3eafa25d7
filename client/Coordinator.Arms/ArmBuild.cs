namespace Coordinator.Arms;

/// <summary>Which build an arm runs. The two differ in their index, their reranker and their prompt.</summary>
public enum ArmBuild
{
    /// <summary>Passage-level BM25 over words, overlap rerank, prompt v1 (the best passage's first sentences).</summary>
    Blue,

    /// <summary>Sentence-chunked BM25 over words, bigrams and section titles, overlap-and-proximity rerank, prompt v2 (the best-matching sentences with their sources).</summary>
    Green,
}
