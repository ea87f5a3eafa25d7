using System.Collections.Concurrent;

namespace Coordinator.Fleet.Http;

/// <summary>
/// A cheap LEXICAL embedder: TF-IDF vectors over <see cref="LexicalText.Terms"/>, compared by cosine.
/// Weights are (1 + ln tf) × idf with the smoothed idf ln((N + 1) / (df + 1)) + 1 over the documents it is
/// built from (the corpus's passages), so a term every passage has still weighs 1 and an unknown term
/// weighs most. It sees words, not meaning: the sentence-embedding evaluator replaces it for the Warm step.
/// </summary>
public sealed class LexicalEmbedder
{
    /// <summary>How many texts' vectors are kept.</summary>
    public const int Remembered = 4096;

    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly int _documents;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, double>> _vectors = new(StringComparer.Ordinal);

    /// <param name="documents">The texts the idf is computed over.</param>
    public LexicalEmbedder(IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            _documents++;
            foreach (var term in LexicalText.Terms(document).Distinct(StringComparer.Ordinal))
            {
                _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
            }
        }
    }

    /// <summary>The smoothed inverse document frequency of a term.</summary>
    public double Idf(string term) => Math.Log((_documents + 1.0) / (_documentFrequency.GetValueOrDefault(term) + 1.0)) + 1.0;

    /// <summary>The text's TF-IDF vector (term → weight); the vectors of up to <see cref="Remembered"/> texts are kept (answers repeat the corpus's sentences).</summary>
    public IReadOnlyDictionary<string, double> Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_vectors.TryGetValue(text, out var known))
        {
            return known;
        }

        var vector = Compute(text);
        if (_vectors.Count < Remembered)
        {
            _vectors.TryAdd(text, vector);
        }

        return vector;
    }

    private Dictionary<string, double> Compute(string text) =>
        LexicalText.Terms(text)
            .GroupBy(t => t, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (1 + Math.Log(g.Count())) * Idf(g.Key), StringComparer.Ordinal);

    /// <summary>The cosine of two vectors; 0 when either is empty.</summary>
    public static double Cosine(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var dot = a.Sum(kv => kv.Value * b.GetValueOrDefault(kv.Key));
        var norms = Math.Sqrt(a.Values.Sum(v => v * v)) * Math.Sqrt(b.Values.Sum(v => v * v));
        return norms == 0 ? 0 : Math.Clamp(dot / norms, 0, 1);
    }
}
