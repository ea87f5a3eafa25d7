namespace Coordinator.Arms.Retrieval;

/// <summary>A document of a BM25 search and its score.</summary>
/// <param name="Document">The document's position in the list the index was built from.</param>
/// <param name="Score">Its BM25 score (greater is better; always &gt; 0 for a returned hit).</param>
internal readonly record struct ScoredDocument(int Document, double Score);

/// <summary>
/// Okapi BM25 over pre-tokenised documents: idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5)) (never negative),
/// tf saturation by <c>k1</c>, length normalisation by <c>b</c>. Each distinct query term counts once.
/// </summary>
internal sealed class Bm25Index
{
    private readonly Dictionary<string, List<(int Document, int Frequency)>> _postings = new(StringComparer.Ordinal);
    private readonly int[] _lengths;
    private readonly double _averageLength;

    private Bm25Index(IReadOnlyList<IReadOnlyList<string>> documents, double k1, double b)
    {
        K1 = k1;
        B = b;
        _lengths = new int[documents.Count];
        for (var d = 0; d < documents.Count; d++)
        {
            _lengths[d] = documents[d].Count;
            foreach (var group in documents[d].GroupBy(t => t, StringComparer.Ordinal))
            {
                if (!_postings.TryGetValue(group.Key, out var list))
                {
                    _postings[group.Key] = list = [];
                }

                list.Add((d, group.Count()));
            }
        }

        _averageLength = documents.Count == 0 ? 0 : _lengths.Average();
    }

    public double K1 { get; }

    public double B { get; }

    public int Count => _lengths.Length;

    public static Bm25Index Build(IReadOnlyList<IReadOnlyList<string>> documents, double k1 = 1.2, double b = 0.75)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfNegative(k1);
        ArgumentOutOfRangeException.ThrowIfLessThan(b, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(b, 1);
        return new Bm25Index(documents, k1, b);
    }

    /// <summary>How many documents contain the term.</summary>
    public int DocumentFrequency(string term) => _postings.TryGetValue(term, out var list) ? list.Count : 0;

    public double Idf(string term)
    {
        var df = DocumentFrequency(term);
        return Math.Log(1 + ((Count - df + 0.5) / (df + 0.5)));
    }

    /// <summary>The best <paramref name="limit"/> documents with a score above zero; ties by document position.</summary>
    public IReadOnlyList<ScoredDocument> Search(IEnumerable<string> queryTerms, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var scores = new Dictionary<int, double>();
        foreach (var term in queryTerms.Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(term, out var list))
            {
                continue;
            }

            var idf = Idf(term);
            foreach (var (document, frequency) in list)
            {
                var norm = K1 * (1 - B + (B * _lengths[document] / _averageLength));
                scores[document] = scores.GetValueOrDefault(document) + (idf * frequency * (K1 + 1) / (frequency + norm));
            }
        }

        return scores.Where(kv => kv.Value > 0)
            .Select(kv => new ScoredDocument(kv.Key, kv.Value))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Document)
            .Take(limit)
            .ToArray();
    }
}
