using Coordinator.Arms.Corpus;
using Coordinator.Arms.Retrieval;

namespace Coordinator.Arms.Answering;

/// <summary>
/// Prompt v2 (Green): the sentence, from any retrieved passage, that shares the most question words, and
/// the next best one if it shares at least half as many (ties broken by the seed, then by rank), followed
/// by the ids they came from.
/// </summary>
internal sealed class PromptV2 : IAnswerPrompt
{
    public string Version => "prompt-v2";

    public string Compose(IReadOnlyList<string> queryWords, IReadOnlyList<Passage> ranked, int seed)
    {
        if (ranked.Count == 0)
        {
            return AnswerText.NothingFound;
        }

        var query = queryWords.ToHashSet(StringComparer.Ordinal);
        var picked = ranked
            .SelectMany((p, rank) => Sentences.Split(p.Text).Select((s, position) => (p.Id, s, rank, position)))
            .Select(x => (x.Id, x.s, x.rank, x.position, Shared: TextTerms.Words(x.s).Distinct(StringComparer.Ordinal).Count(query.Contains)))
            .OrderByDescending(x => x.Shared)
            .ThenBy(x => StableHash.Unit(seed, x.s))
            .ThenBy(x => x.rank).ThenBy(x => x.position)
            .Take(2)
            .ToArray();
        picked = picked.Length == 2 && picked[1].Shared * 2 < picked[0].Shared ? picked[..1] : picked;
        var sources = string.Join(", ", picked.Select(x => x.Id).Distinct(StringComparer.Ordinal));
        return $"{string.Join(' ', picked.Select(x => x.s))} (sources: {sources})";
    }
}
