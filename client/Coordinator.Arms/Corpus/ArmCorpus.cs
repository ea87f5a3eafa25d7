using System.Collections.Frozen;

namespace Coordinator.Arms.Corpus;

/// <summary>
/// A corpus the arms answer from, read from JSON Lines: one passage per line, each an object with
/// <c>id</c>, <c>section_id</c>, <c>section_title</c> and <c>text</c> (all non-blank strings, ids unique,
/// one title per section). The repo ships <see cref="ShippedVersion"/>, a fictional operations handbook.
/// </summary>
public sealed class ArmCorpus
{
    /// <summary>The version of the shipped corpus; also its file name without <c>.jsonl</c>.</summary>
    public const string ShippedVersion = "ops-handbook.v1";

    /// <summary>The shipped corpus's path relative to the output folder of any project referencing the arms.</summary>
    public const string ShippedRelativePath = "Corpus/" + ShippedVersion + ".jsonl";

    private static readonly Lazy<ArmCorpus> LazyShipped = new(LoadShipped);

    private readonly FrozenDictionary<string, Passage> _byId;

    private ArmCorpus(string version, IReadOnlyList<Passage> passages)
    {
        Version = version;
        Passages = passages;
        _byId = passages.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);
        Sections = passages.GroupBy(p => p.SectionId, StringComparer.Ordinal)
            .Select(g => new CorpusSection(g.Key, g.First().SectionTitle, [.. g]))
            .ToArray();
    }

    /// <summary>The shipped corpus (embedded in this assembly), read once.</summary>
    public static ArmCorpus Shipped => LazyShipped.Value;

    /// <summary>The corpus's version label (the file name without extension for the shipped one).</summary>
    public string Version { get; }

    /// <summary>Every passage, in file order.</summary>
    public IReadOnlyList<Passage> Passages { get; }

    /// <summary>Every section, in order of first appearance, with its passages.</summary>
    public IReadOnlyList<CorpusSection> Sections { get; }

    /// <summary>The passage with this id, or null.</summary>
    public Passage? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Reads a corpus from JSON Lines text.</summary>
    /// <exception cref="CorpusFormatException">Every bad line and field, at once.</exception>
    public static ArmCorpus Parse(string version, string jsonLines)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(jsonLines);
        var (passages, errors) = CorpusLines.Read(jsonLines);
        return errors.Count > 0 ? throw new CorpusFormatException(errors) : new ArmCorpus(version, passages);
    }

    private static ArmCorpus LoadShipped()
    {
        var name = $"Coordinator.Arms.Corpus.{ShippedVersion}.jsonl";
        using var stream = typeof(ArmCorpus).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The shipped corpus resource '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(ShippedVersion, reader.ReadToEnd());
    }
}

/// <summary>One section of a corpus.</summary>
/// <param name="Id">The section id.</param>
/// <param name="Title">The section title.</param>
/// <param name="Passages">Its passages in file order.</param>
public sealed record CorpusSection(string Id, string Title, IReadOnlyList<Passage> Passages);

/// <summary>A corpus file that is not valid; <see cref="Errors"/> names each line and field.</summary>
public sealed class CorpusFormatException(IReadOnlyList<string> errors)
    : FormatException("The corpus is not valid: " + string.Join("; ", errors))
{
    /// <summary>Each error as "line N: field: reason".</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
