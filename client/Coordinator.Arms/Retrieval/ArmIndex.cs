using System.Security.Cryptography;
using System.Text;
using Coordinator.Arms.Corpus;

namespace Coordinator.Arms.Retrieval;

/// <summary>A passage the retrieval stage found, its score and its words (for the rerank stage).</summary>
internal sealed record Candidate(Passage Passage, double Score, IReadOnlyList<string> Words);

/// <summary>
/// An arm's index over a corpus, built by a <see cref="IndexRecipe"/>, optionally missing a seeded share of
/// the passages. Its hash is computed from what was built (recipe, corpus version and every chunk's terms),
/// so two builds hash alike only when they would answer alike.
/// </summary>
internal sealed class ArmIndex
{
    private readonly Bm25Index _bm25;
    private readonly int[] _chunkPassage;
    private readonly Passage[] _passages;
    private readonly Dictionary<string, IReadOnlyList<string>> _words;

    private ArmIndex(IndexRecipe recipe, Passage[] passages, IReadOnlySet<string> dropped, List<(int Passage, string ChunkId, IReadOnlyList<string> Terms)> chunks, string corpusVersion)
    {
        Recipe = recipe;
        _passages = passages;
        Dropped = dropped;
        _chunkPassage = [.. chunks.Select(c => c.Passage)];
        _bm25 = Bm25Index.Build([.. chunks.Select(c => c.Terms)], recipe.K1, recipe.B);
        _words = passages.ToDictionary(p => p.Id, p => TextTerms.Words(p.Text), StringComparer.Ordinal);
        Hash = ComputeHash(recipe, corpusVersion, chunks);
    }

    public IndexRecipe Recipe { get; }

    /// <summary>"idx-" and 16 hex digits of a SHA-256 over the build.</summary>
    public string Hash { get; }

    public IReadOnlyList<Passage> Passages => _passages;

    public IReadOnlySet<string> Dropped { get; }

    public static ArmIndex Build(ArmCorpus corpus, IndexRecipe recipe, double dropFraction, int dropSeed)
    {
        var dropped = DropPlan(corpus, dropFraction, dropSeed);
        var passages = corpus.Passages.Where(p => !dropped.Contains(p.Id)).ToArray();
        var chunks = new List<(int, string, IReadOnlyList<string>)>();
        for (var p = 0; p < passages.Length; p++)
        {
            var passage = passages[p];
            var prefix = recipe.Titles ? passage.SectionTitle + ". " : string.Empty;
            if (recipe.Chunking == Chunking.Passage)
            {
                chunks.Add((p, passage.Id, recipe.Terms(prefix + passage.Text)));
                continue;
            }

            var sentences = Sentences.Split(passage.Text);
            for (var s = 0; s < sentences.Count; s++)
            {
                chunks.Add((p, $"{passage.Id}#{s}", recipe.Terms(prefix + sentences[s])));
            }
        }

        return new ArmIndex(recipe, passages, dropped, chunks, corpus.Version);
    }

    /// <summary>
    /// The passages a build leaves out: the round(fraction × count) passages whose seeded hash of their id
    /// is lowest, so the same seed drops the same passages on every run.
    /// </summary>
    public static IReadOnlySet<string> DropPlan(ArmCorpus corpus, double fraction, int seed)
    {
        var count = (int)Math.Round(fraction * corpus.Passages.Count, MidpointRounding.AwayFromZero);
        return corpus.Passages
            .OrderBy(p => StableHash.Unit(seed, p.Id)).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Take(count).Select(p => p.Id)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The best passages for the query terms, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<Candidate> Retrieve(IReadOnlyList<string> queryTerms, int limit)
    {
        // Enough chunks that a passage's sentences are all seen; a passage scores by its best chunk plus a
        // tenth of its other chunks, so a passage answering in several sentences edges ahead.
        var hits = _bm25.Search(queryTerms, _bm25.Count);
        var byPassage = new Dictionary<int, (double Best, double Sum)>();
        foreach (var hit in hits)
        {
            var p = _chunkPassage[hit.Document];
            var (best, sum) = byPassage.GetValueOrDefault(p);
            byPassage[p] = (Math.Max(best, hit.Score), sum + hit.Score);
        }

        return byPassage
            .Select(kv => (Passage: kv.Key, Score: kv.Value.Best + (0.1 * (kv.Value.Sum - kv.Value.Best))))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Passage)
            .Take(limit)
            .Select(x => new Candidate(_passages[x.Passage], x.Score, _words[_passages[x.Passage].Id]))
            .ToArray();
    }

    private static string ComputeHash(IndexRecipe recipe, string corpusVersion, List<(int Passage, string ChunkId, IReadOnlyList<string> Terms)> chunks)
    {
        var text = new StringBuilder().Append(recipe.Describe()).Append(";corpus=").Append(corpusVersion).Append('\n');
        foreach (var chunk in chunks)
        {
            text.Append(chunk.ChunkId).Append('\t').AppendJoin(' ', chunk.Terms).Append('\n');
        }

        return "idx-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
