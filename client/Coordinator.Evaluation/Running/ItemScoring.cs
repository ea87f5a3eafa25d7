using Coordinator.Campaigns;
using Coordinator.Evaluation.Arms;
using Coordinator.Evaluation.Gold;
using Coordinator.Evaluation.Measures;

namespace Coordinator.Evaluation.Running;

/// <summary>One answered call of a gold item.</summary>
/// <param name="Paraphrase">The paraphrase's index in the item.</param>
/// <param name="Seed">The seed asked with.</param>
/// <param name="Answer">The arm's answer.</param>
public sealed record ScoredCall(int Paraphrase, int Seed, ArmAnswer Answer);

/// <summary>
/// Turns one gold item's answered calls into its measures (pure: the vectors are given):
/// <list type="bullet">
/// <item>ΔS(paraphrase, retrieved) and ΔS(retrieved, anchor) per paraphrase, the worse of the seeds;
/// "retrieved" is the nearest sentence of the retrieved passages (<see cref="Evidence"/>).</item>
/// <item>Coverage: the mean over the item's calls of <see cref="Coverage.Of"/>.</item>
/// <item>λ per seed over two steps toward the anchor: where the caller starts, the mean over paraphrases of
/// ΔS(paraphrase, anchor); then what retrieval brought, the mean of ΔS(retrieved, anchor). Convergent means
/// retrieval moved at least 0.02 closer to the ground truth than the question already was.</item>
/// <item>Latency: the mean round trip of the item's calls.</item>
/// </list>
/// </summary>
public static class ItemScoring
{
    /// <summary>The item's measures; every paraphrase × seed must be answered.</summary>
    /// <exception cref="ArgumentException">A call is missing, or a text has no vector.</exception>
    public static ItemMeasures Score(GoldItem item, IReadOnlyList<int> seeds, IReadOnlyList<ScoredCall> calls, IReadOnlyDictionary<string, ReadOnlyMemory<float>> vectors)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(vectors);
        ReadOnlyMemory<float> V(string text) => vectors.TryGetValue(text, out var v) ? v : throw new ArgumentException($"No vector for '{text}'.", nameof(vectors));
        var anchor = V(item.Anchor);
        var rows = new List<(int Paraphrase, int Seed, double Question, double Anchor, double QuestionAnchor, double Coverage, double Latency)>();
        for (var p = 0; p < item.Paraphrases.Count; p++)
        {
            var paraphrase = V(item.Paraphrases[p]);
            foreach (var seed in seeds)
            {
                var call = calls.SingleOrDefault(c => c.Paraphrase == p && c.Seed == seed)
                    ?? throw new ArgumentException($"item {item.Id}: no answer for paraphrase {p + 1}, seed {seed}", nameof(calls));
                var evidence = call.Answer.Passages.SelectMany(x => Evidence.Sentences(x.Text)).Select(V).ToArray();
                rows.Add((p, seed,
                    Evidence.Nearest(paraphrase.Span, evidence),
                    Evidence.Nearest(anchor.Span, evidence),
                    DeltaS.Between(paraphrase.Span, anchor.Span),
                    Coverage.Of(item.SectionId, item.SectionText, call.Answer.Passages.Select(x => (x.Section, x.Text))),
                    call.Answer.RoundTripMs));
            }
        }

        var perParaphrase = rows.GroupBy(r => r.Paraphrase).OrderBy(g => g.Key).ToArray();
        var deltaSQuestion = perParaphrase.Select(g => g.Max(r => r.Question)).ToArray();
        var coverage = rows.Average(r => r.Coverage);
        var lambda = seeds.Select(seed => rows.Where(r => r.Seed == seed).ToArray())
            .Select(r => Lambda.OfChain([r.Average(x => x.QuestionAnchor), r.Average(x => x.Anchor)]))
            .ToArray();
        return new ItemMeasures(
            item.Id,
            deltaSQuestion,
            perParaphrase.Select(g => g.Max(r => r.Anchor)).ToArray(),
            DeltaS.BandOf(deltaSQuestion.Max()),
            coverage,
            Coverage.LevelOf(coverage),
            lambda,
            rows.Average(r => r.Latency));
    }
}
