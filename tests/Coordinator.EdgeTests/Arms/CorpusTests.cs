using Coordinator.Arms.Corpus;
using Coordinator.Arms.Retrieval;

namespace Coordinator.EdgeTests.Arms;

public sealed class CorpusTests
{
    [Fact]
    public void The_shipped_corpus_has_short_passages_in_titled_sections()
    {
        var corpus = ArmCorpus.Shipped;

        Assert.Equal(ArmCorpus.ShippedVersion, corpus.Version);
        Assert.InRange(corpus.Passages.Count, 40, 80);
        Assert.InRange(corpus.Sections.Count, 10, 16);
        Assert.All(corpus.Passages, p => Assert.InRange(Sentences.Split(p.Text).Count, 2, 5));
        Assert.All(corpus.Sections, s => Assert.True(s.Passages.Count >= 3, $"section {s.Id} has {s.Passages.Count} passages"));
        Assert.All(corpus.Passages, p => Assert.StartsWith(p.SectionId + "-", p.Id, StringComparison.Ordinal));
        Assert.Equal(corpus.Passages.Count, corpus.Sections.Sum(s => s.Passages.Count));
    }

    [Fact]
    public void The_file_copied_next_to_referencing_assemblies_is_the_embedded_corpus()
    {
        var path = Path.Combine(AppContext.BaseDirectory, ArmCorpus.ShippedRelativePath);
        var fromFile = ArmCorpus.Parse(ArmCorpus.ShippedVersion, File.ReadAllText(path));

        Assert.Equal(ArmCorpus.Shipped.Passages, fromFile.Passages);
    }

    [Fact]
    public void Every_bad_line_and_field_is_named_at_once()
    {
        var text = string.Join('\n',
            """{"id":"a-1","section_id":"a","section_title":"A","text":"One. Two."}""",
            "not json",
            """{"id":"a-2","section_id":"a","section_title":"A","text":"  "}""",
            """["an", "array"]""",
            """{"id":"a-1","section_id":"a","section_title":"Another A","text":"One. Two."}""",
            """{"section_id":7,"section_title":"B","text":"x"}""");

        var error = Assert.Throws<CorpusFormatException>(() => ArmCorpus.Parse("test", text));

        Assert.Collection(
            error.Errors,
            e => Assert.StartsWith("line 2: not valid JSON", e, StringComparison.Ordinal),
            e => Assert.Equal("line 3: text: required, a non-blank string", e),
            e => Assert.Equal("line 4: must be a JSON object", e),
            e => Assert.Equal("line 5: id: 'a-1' appears on an earlier line", e),
            e => Assert.Equal("line 5: section_title: 'Another A' differs from 'A' given earlier for section 'a'", e),
            e => Assert.Equal("line 6: id: required, a non-blank string", e),
            e => Assert.Equal("line 6: section_id: required, a non-blank string", e));
    }

    [Fact]
    public void An_empty_corpus_is_refused()
    {
        var error = Assert.Throws<CorpusFormatException>(() => ArmCorpus.Parse("test", "\n\n"));
        Assert.Equal(["line 1: the corpus has no passages"], error.Errors);
    }
}
