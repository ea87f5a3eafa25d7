using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Coordinator.Fleet.Http;

/// <summary>
/// Text to terms for the lexical quality measures: lowercase runs of letters and digits, common English
/// function words and single letters left out, a trailing plural "s" folded ("deploys" meets "deploy").
/// </summary>
public static partial class LexicalText
{
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "i", "if", "in",
        "is", "it", "its", "of", "on", "or", "our", "so", "that", "the", "their", "them", "then", "there",
        "they", "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "with", "you", "your",
        "can", "should", "must", "may", "will", "after", "before", "than", "into", "not", "no",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The terms of a text in order.</summary>
    public static IReadOnlyList<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        foreach (Match match in Word().Matches(text))
        {
            var word = Fold(match.Value.ToLowerInvariant());
            if (!StopWords.Contains(word) && !(word.Length == 1 && char.IsLetter(word[0])))
            {
                terms.Add(word);
            }
        }

        return terms;
    }

    /// <summary>Sentences of a passage: split at ". ", "? " or "! " before a capital letter or digit.</summary>
    public static IReadOnlyList<string> Sentences(string text) =>
        [.. Boundary().Split(text.Trim()).Where(s => s.Length > 0)];

    private static string Fold(string word) =>
        word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i') ? word[..^1] : word;

    [GeneratedRegex(@"[\p{L}\p{Nd}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();
}
