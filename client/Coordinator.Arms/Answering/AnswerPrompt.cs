using Coordinator.Arms.Corpus;

namespace Coordinator.Arms.Answering;

/// <summary>The reason stage: composes the answer from the reranked passages.</summary>
internal interface IAnswerPrompt
{
    /// <summary>The prompt version the arm reports (<c>prompt_ver</c>).</summary>
    string Version { get; }

    /// <param name="queryWords">The question's words (<see cref="Retrieval.TextTerms.Words"/>).</param>
    /// <param name="ranked">The passages in rerank order, best first.</param>
    /// <param name="seed">The request's seed: breaks ties the way a sampling seed would.</param>
    string Compose(IReadOnlyList<string> queryWords, IReadOnlyList<Passage> ranked, int seed);
}

/// <summary>Shared by the prompts.</summary>
internal static class AnswerText
{
    public const string NothingFound = "The index holds nothing that answers this question.";
}
