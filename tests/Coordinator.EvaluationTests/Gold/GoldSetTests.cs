using Coordinator.Arms.Corpus;
using Coordinator.Evaluation.Gold;

namespace Coordinator.EvaluationTests.Gold;

public sealed class GoldSetTests
{
    private const string Header = """{"format":"coordinator.gold","version":1,"name":"t"}""";
    private const string Good = """{"id":"a","question":"q?","paraphrases":["p1","p2","p3"],"anchor":"x","section_id":"s","section_text":"y"}""";

    public static string ShippedPath => Path.Combine(AppContext.BaseDirectory, "gold", "ops-handbook.v1.gold.jsonl");

    private static IReadOnlyList<string> Errors(string text) => Assert.Throws<GoldSetFormatException>(() => GoldSet.Parse(text)).Errors;

    [Fact]
    public async Task The_shipped_gold_set_validates_and_targets_sections_of_the_shipped_corpus()
    {
        var gold = await GoldSet.LoadAsync(ShippedPath);

        Assert.InRange(gold.Items.Count, 20, 40);
        Assert.All(gold.Items, i => Assert.Equal(3, i.Paraphrases.Count));
        Assert.Equal(ArmCorpus.ShippedVersion, gold.Corpus);
        Assert.Empty(gold.UnknownSections(ArmCorpus.Shipped.Sections.Select(s => s.Id)));
        // Every item's section text is text of its section, so coverage can reach 1.
        Assert.All(gold.Items, i => Assert.Contains(ArmCorpus.Shipped.Sections.Single(s => s.Id == i.SectionId).Passages, p => p.Text == i.SectionText));
    }

    [Fact]
    public void The_fingerprint_names_the_content_whatever_the_line_endings()
    {
        var lf = GoldSet.Parse(Header + "\n" + Good + "\n");
        Assert.Matches("^sha256:[0-9a-f]{64}$", lf.Fingerprint);
        Assert.Equal(lf.Fingerprint, GoldSet.Parse(Header + "\r\n" + Good + "\r\n").Fingerprint);
        Assert.NotEqual(lf.Fingerprint, GoldSet.Parse(Header + "\n" + Good.Replace("\"x\"", "\"z\"", StringComparison.Ordinal) + "\n").Fingerprint);
    }

    [Fact]
    public void An_unknown_section_is_named_by_item()
    {
        var gold = GoldSet.Parse(Header + "\n" + Good);
        Assert.Equal(["item a: section_id: 's' is not a section of the corpus"], gold.UnknownSections(["other"]));
    }

    [Fact]
    public void Empty_and_header_only_files_are_errors()
    {
        Assert.Contains("header", Assert.Single(Errors("\n\n")), StringComparison.Ordinal);
        Assert.Equal(["items: the file has a header but no items"], Errors(Header));
    }

    [Fact]
    public void The_header_is_checked_field_by_field()
    {
        Assert.Equal(["line 1: format: the first line must be the header {\"format\":\"coordinator.gold\",\"version\":1,\"name\":\"...\"}, not an item"], Errors(Good + "\n" + Good));
        var errors = Errors("""{"format":"other","version":2,"extra":1}""" + "\n" + Good);
        Assert.Contains("line 1: extra: is not a known field (known: format, version, name, corpus)", errors);
        Assert.Contains("line 1: format: must be 'coordinator.gold' (got 'other')", errors);
        Assert.Contains("line 1: version: must be 1, the version this reader understands (got 2)", errors);
        Assert.Contains("line 1: name: is required", errors);
    }

    [Fact]
    public void Every_bad_item_field_is_named_with_its_line()
    {
        var text = string.Join('\n',
            Header,
            Good,
            "not json",
            "[1]",
            """{"id":"a","question":"","paraphrases":"p","anchor":3,"section_id":"s","section_text":"y","extra":true}""",
            """{"id":"b","question":"q","paraphrases":["p1",7,"p1"," "],"anchor":"x","section_id":"s"}""",
            """{"id":"c","question":"q","paraphrases":[],"anchor":"x","section_id":"s","section_text":"y"}""",
            Good);
        var errors = Errors(text);

        Assert.Contains(errors, e => e.StartsWith("line 3: line: is not JSON", StringComparison.Ordinal));
        Assert.Contains("line 4: line: must be a JSON object, not an array", errors);
        Assert.Contains("line 5: extra: is not a known field (known: id, question, paraphrases, anchor, section_id, section_text)", errors);
        Assert.Contains("line 5: question: must not be blank", errors);
        Assert.Contains("line 5: paraphrases: must be an array of strings, not a string", errors);
        Assert.Contains("line 5: anchor: must be a string, not a number", errors);
        Assert.Contains("line 6: paraphrases[1]: must be a string, not a number", errors);
        Assert.Contains("line 6: paraphrases[2]: repeats an earlier paraphrase", errors);
        Assert.Contains("line 6: paraphrases[3]: must not be blank", errors);
        Assert.Contains("line 6: section_text: is required", errors);
        Assert.Contains("line 7: paraphrases: must have 1 to 10 paraphrases (got 0)", errors);
        Assert.Contains("line 8: id: 'a' is already the id of line 2", errors);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var ex = await Assert.ThrowsAsync<GoldSetFormatException>(() => GoldSet.LoadAsync(Path.Combine(AppContext.BaseDirectory, "no-such.jsonl")));
        Assert.StartsWith("file: cannot read", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }
}
