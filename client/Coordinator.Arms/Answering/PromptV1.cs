using Coordinator.Arms.Corpus;
using Coordinator.Arms.Retrieval;

namespace Coordinator.Arms.Answering;

/// <summary>Prompt v1 (Blue): the first two sentences of the best passage, as they stand; the seed plays no part.</summary>
internal sealed class PromptV1 : IAnswerPrompt
{
    public string Version => "prompt-v1";

    public string Compose(IReadOnlyList<string> queryWords, IReadOnlyList<Passage> ranked, int seed) =>
        ranked.Count == 0 ? AnswerText.NothingFound : string.Join(' ', Sentences.Split(ranked[0].Text).Take(2));
}
