using System.Text.RegularExpressions;

namespace Coordinator.Evaluation.Measures;

/// <summary>How much of its target section an answer's retrieval carried.</summary>
public enum CoverageLevel
{
    /// <summary>Coverage ≥ 0.70.</summary>
    Ok,

    /// <summary>0.60 ≤ coverage &lt; 0.70.</summary>
    Warn,

    /// <summary>Coverage &lt; 0.60.</summary>
    Critical,
}

/// <summary>
/// Coverage = the distinct words of the target section text found in the retrieved passages of that section,
/// over the section text's distinct words. Words are lowercase runs of letters and digits; a short list of
/// English function words is left out so that retrieving any passage of the section does not score by "the"
/// and "of" alone.
/// </summary>
public static partial class Coverage
{
    /// <summary>Below this is a warning.</summary>
    public const double WarnBelow = 0.70;

    /// <summary>Below this is critical.</summary>
    public const double CriticalBelow = 0.60;

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "if", "in", "is", "it", "its",
        "not", "of", "on", "or", "so", "than", "that", "the", "their", "then", "they", "this", "to", "was", "were",
        "when", "which", "while", "who", "with",
    };

    /// <summary>
    /// The share of <paramref name="sectionText"/>'s words present in the retrieved passages whose section is
    /// <paramref name="sectionId"/>; passages of other sections count for nothing. 1 when the section text has no
    /// words to find.
    /// </summary>
    public static double Of(string sectionId, string sectionText, IEnumerable<(string Section, string Text)> retrieved)
    {
        ArgumentNullException.ThrowIfNull(sectionId);
        ArgumentNullException.ThrowIfNull(sectionText);
        ArgumentNullException.ThrowIfNull(retrieved);
        var target = Words(sectionText);
        if (target.Count == 0)
        {
            return 1;
        }

        var found = retrieved.Where(p => string.Equals(p.Section, sectionId, StringComparison.Ordinal))
            .SelectMany(p => Words(p.Text))
            .ToHashSet(StringComparer.Ordinal);
        return (double)target.Count(found.Contains) / target.Count;
    }

    /// <summary>The level a coverage falls in.</summary>
    public static CoverageLevel LevelOf(double coverage) => coverage switch
    {
        < CriticalBelow => CoverageLevel.Critical,
        < WarnBelow => CoverageLevel.Warn,
        _ => CoverageLevel.Ok,
    };

    /// <summary>The distinct counted words of a text.</summary>
    public static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => !FunctionWords.Contains(w)).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
