using System.Text.RegularExpressions;

namespace Coordinator.Evaluation.Measures;

/// <summary>
/// The retrieved evidence of an answer: the sentences of its retrieved passages. ΔS to "the retrieved" is
/// the ΔS to the closest of these sentences, because a retrieval is as good as the best evidence it
/// surfaces: a whole passage embeds with its unrelated sentences, and the model truncates long input.
/// </summary>
public static partial class Evidence
{
    /// <summary>The sentences of a text (split after '.', '!' or '?' followed by white space), trimmed, non-empty.</summary>
    public static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    /// <summary>min over <paramref name="evidence"/> of ΔS(x, e); 1 (as far as it gets) when there is no evidence.</summary>
    public static double Nearest(ReadOnlySpan<float> x, IEnumerable<ReadOnlyMemory<float>> evidence)
    {
        var best = 1.0;
        foreach (var e in evidence)
        {
            best = Math.Min(best, DeltaS.Between(x, e.Span));
        }

        return best;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
