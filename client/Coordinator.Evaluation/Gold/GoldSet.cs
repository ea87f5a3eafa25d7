using System.Security.Cryptography;
using System.Text;

namespace Coordinator.Evaluation.Gold;

/// <summary>
/// A gold set read from its file (format <see cref="Format"/>, version <see cref="SupportedVersion"/>): JSON Lines
/// whose first line is the header <c>{"format":"coordinator.gold","version":1,"name":"...","corpus":"..."}</c>
/// and every other line an item <c>{"id","question","paraphrases":[...],"anchor","section_id","section_text"}</c>.
/// Blank lines are skipped; unknown fields are errors, so a typo never passes silently.
/// </summary>
public sealed class GoldSet
{
    /// <summary>The header's <c>format</c>.</summary>
    public const string Format = "coordinator.gold";

    /// <summary>The only header <c>version</c> this reader understands.</summary>
    public const int SupportedVersion = 1;

    /// <summary>At most this many items (a smoke report's limit).</summary>
    public const int MaxItems = 1000;

    internal GoldSet(string name, string? corpus, IReadOnlyList<GoldItem> items, string fingerprint)
    {
        Name = name;
        Corpus = corpus;
        Items = items;
        Fingerprint = fingerprint;
    }

    /// <summary>The header's <c>name</c>.</summary>
    public string Name { get; }

    /// <summary>The header's <c>corpus</c>: the corpus version the items were written for; null when not given.</summary>
    public string? Corpus { get; }

    /// <summary>The items in file order.</summary>
    public IReadOnlyList<GoldItem> Items { get; }

    /// <summary><c>sha256:</c> and 64 lowercase hex digits of the file's text with line endings made <c>\n</c>: names exactly what was run.</summary>
    public string Fingerprint { get; }

    /// <summary>Reads a gold set from its text.</summary>
    /// <exception cref="GoldSetFormatException">Every bad line and field, at once.</exception>
    public static GoldSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.ReplaceLineEndings("\n");
        var (header, items, errors) = GoldSetReader.Read(normalized);
        if (errors.Count > 0)
        {
            throw new GoldSetFormatException(errors);
        }

        return new GoldSet(header!.Name, header.Corpus, items, FingerprintOf(normalized));
    }

    /// <summary>Reads a gold set from a file.</summary>
    /// <exception cref="GoldSetFormatException">The file is missing, unreadable or not valid (every error named).</exception>
    public static async Task<GoldSet> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GoldSetFormatException([$"file: cannot read '{path}': {ex.Message}"]);
        }

        return Parse(text);
    }

    /// <summary>Items whose <see cref="GoldItem.SectionId"/> is not one of <paramref name="sectionIds"/>, as "item ID: section_id: reason".</summary>
    public IReadOnlyList<string> UnknownSections(IEnumerable<string> sectionIds)
    {
        ArgumentNullException.ThrowIfNull(sectionIds);
        var known = sectionIds.ToHashSet(StringComparer.Ordinal);
        return [.. Items.Where(i => !known.Contains(i.SectionId))
            .Select(i => $"item {i.Id}: section_id: '{i.SectionId}' is not a section of the corpus")];
    }

    private static string FingerprintOf(string normalized) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
}

/// <summary>A gold set file that is not valid; <see cref="Errors"/> names each line and field.</summary>
public sealed class GoldSetFormatException(IReadOnlyList<string> errors)
    : FormatException("The gold set is not valid: " + string.Join("; ", errors))
{
    /// <summary>Each error as "line N: field: reason".</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
