using System.Collections.Frozen;

namespace Coordinator.Arms.Retrieval;

/// <summary>
/// Text to index terms: lowercase runs of letters and digits, common English function words left out,
/// single letters dropped, a trailing plural "s" stripped so "deploys" meets "deploy". Bigrams join neighbouring terms with "_".
/// </summary>
internal static class TextTerms
{
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "i", "if", "in",
        "is", "it", "its", "of", "on", "or", "our", "so", "that", "the", "their", "them", "then", "there",
        "they", "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "with", "you", "your",
        "can", "should", "must", "may", "will", "after", "before", "than", "into", "not", "no",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The terms of a text in order (stop words removed, plurals folded).</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var terms = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = Fold(text[start..i].ToLowerInvariant());

                // Single letters are leftovers of contractions ("cache's"), not words.
                if (!StopWords.Contains(word) && !(word.Length == 1 && char.IsLetter(word[0])))
                {
                    terms.Add(word);
                }

                start = -1;
            }
        }

        return terms;
    }

    /// <summary>The words followed by the bigrams of neighbouring words.</summary>
    public static IReadOnlyList<string> WordsAndBigrams(string text)
    {
        var words = Words(text);
        var terms = new List<string>(words.Count * 2);
        terms.AddRange(words);
        for (var i = 1; i < words.Count; i++)
        {
            terms.Add(words[i - 1] + "_" + words[i]);
        }

        return terms;
    }

    private static string Fold(string word) =>
        word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i') ? word[..^1] : word;
}
