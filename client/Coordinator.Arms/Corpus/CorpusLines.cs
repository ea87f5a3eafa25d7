using System.Text.Json;

namespace Coordinator.Arms.Corpus;

/// <summary>Reads corpus JSON Lines and collects every error by line and field.</summary>
internal static class CorpusLines
{
    private static readonly string[] Fields = ["id", "section_id", "section_title", "text"];

    public static (IReadOnlyList<Passage> Passages, IReadOnlyList<string> Errors) Read(string jsonLines)
    {
        var passages = new List<Passage>();
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = jsonLines.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var number = i + 1;
            if (ReadLine(line, number, errors) is not { } passage)
            {
                continue;
            }

            if (!ids.Add(passage.Id))
            {
                errors.Add($"line {number}: id: '{passage.Id}' appears on an earlier line");
            }

            if (titles.TryGetValue(passage.SectionId, out var title) && title != passage.SectionTitle)
            {
                errors.Add($"line {number}: section_title: '{passage.SectionTitle}' differs from '{title}' given earlier for section '{passage.SectionId}'");
            }

            titles.TryAdd(passage.SectionId, passage.SectionTitle);
            passages.Add(passage);
        }

        if (passages.Count == 0 && errors.Count == 0)
        {
            errors.Add("line 1: the corpus has no passages");
        }

        return (passages, errors);
    }

    private static Passage? ReadLine(string line, int number, List<string> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            errors.Add($"line {number}: not valid JSON ({e.Message})");
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"line {number}: must be a JSON object");
                return null;
            }

            var values = new string[Fields.Length];
            var ok = true;
            for (var f = 0; f < Fields.Length; f++)
            {
                if (!document.RootElement.TryGetProperty(Fields[f], out var value) || value.ValueKind != JsonValueKind.String
                    || string.IsNullOrWhiteSpace(value.GetString()))
                {
                    errors.Add($"line {number}: {Fields[f]}: required, a non-blank string");
                    ok = false;
                    continue;
                }

                values[f] = value.GetString()!;
            }

            return ok ? new Passage(values[0], values[1], values[2], values[3]) : null;
        }
    }
}
