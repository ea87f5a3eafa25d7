using System.Text.Json;

namespace Coordinator.Evaluation.Gold;

/// <summary>Reads gold-set lines field by field, collecting every error as "line N: field: reason".</summary>
internal static class GoldSetReader
{
    public const int MaxIdLength = 128;
    public const int MaxQuestionLength = 2000;
    public const int MaxParaphrases = 10;
    public const int MaxTextLength = 20_000;

    private static readonly string[] HeaderFields = ["format", "version", "name", "corpus"];
    private static readonly string[] ItemFields = ["id", "question", "paraphrases", "anchor", "section_id", "section_text"];

    internal sealed record Header(string Name, string? Corpus);

    public static (Header? Header, IReadOnlyList<GoldItem> Items, List<string> Errors) Read(string text)
    {
        var errors = new List<string>();
        var items = new List<GoldItem>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        Header? header = null;
        var headerSeen = false;
        var lines = text.Split('\n');
        for (var n = 1; n <= lines.Length; n++)
        {
            var line = lines[n - 1];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var at = new LineErrors(n, errors);
            if (Parse(line, at) is not { } root)
            {
                headerSeen = true;
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = true;
                header = ReadHeader(root, at);
                continue;
            }

            if (ReadItem(root, at) is { } item)
            {
                if (ids.TryGetValue(item.Id, out var first))
                {
                    at.Add("id", $"'{item.Id}' is already the id of line {first}");
                }
                else
                {
                    ids[item.Id] = n;
                    items.Add(item);
                }
            }
        }

        if (!headerSeen)
        {
            errors.Add($"line 1: header: the file is empty; it needs a header line {{\"format\":\"{GoldSet.Format}\",\"version\":{GoldSet.SupportedVersion},\"name\":\"...\"}} and items");
        }
        else if (errors.Count == 0 && items.Count == 0)
        {
            errors.Add("items: the file has a header but no items");
        }
        else if (items.Count > GoldSet.MaxItems)
        {
            errors.Add($"items: at most {GoldSet.MaxItems} items (got {items.Count})");
        }

        return (header, items, errors);
    }

    private static JsonElement? Parse(string line, LineErrors at)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                at.Add("line", $"must be a JSON object, not {Kind(document.RootElement)}");
                return null;
            }

            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            at.Add("line", $"is not JSON ({ex.Message})");
            return null;
        }
    }

    private static Header? ReadHeader(JsonElement root, LineErrors at)
    {
        if (!root.TryGetProperty("format", out _) && root.TryGetProperty("id", out _))
        {
            at.Add("format", $"the first line must be the header {{\"format\":\"{GoldSet.Format}\",\"version\":{GoldSet.SupportedVersion},\"name\":\"...\"}}, not an item");
            return null;
        }

        Unknown(root, HeaderFields, at);
        var format = Text(root, "format", 64, at);
        if (format is not null && format != GoldSet.Format)
        {
            at.Add("format", $"must be '{GoldSet.Format}' (got '{format}')");
        }

        if (!root.TryGetProperty("version", out var version))
        {
            at.Add("version", "is required");
        }
        else if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != GoldSet.SupportedVersion)
        {
            at.Add("version", $"must be {GoldSet.SupportedVersion}, the version this reader understands (got {version.GetRawText()})");
        }

        var name = Text(root, "name", MaxIdLength, at);
        var corpus = root.TryGetProperty("corpus", out var c) && c.ValueKind != JsonValueKind.Null ? Text(root, "corpus", MaxIdLength, at) : null;
        return name is null ? null : new Header(name, corpus);
    }

    private static GoldItem? ReadItem(JsonElement root, LineErrors at)
    {
        var before = at.Count;
        Unknown(root, ItemFields, at);
        var id = Text(root, "id", MaxIdLength, at);
        var question = Text(root, "question", MaxQuestionLength, at);
        var paraphrases = Paraphrases(root, at);
        var anchor = Text(root, "anchor", MaxTextLength, at);
        var sectionId = Text(root, "section_id", MaxIdLength, at);
        var sectionText = Text(root, "section_text", MaxTextLength, at);
        return at.Count > before ? null : new GoldItem(id!, question!, paraphrases!, anchor!, sectionId!, sectionText!);
    }

    private static List<string>? Paraphrases(JsonElement root, LineErrors at)
    {
        if (!root.TryGetProperty("paraphrases", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            at.Add("paraphrases", "is required");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            at.Add("paraphrases", $"must be an array of strings, not {Kind(value)}");
            return null;
        }

        var count = value.GetArrayLength();
        if (count is 0 or > MaxParaphrases)
        {
            at.Add("paraphrases", $"must have 1 to {MaxParaphrases} paraphrases (got {count})");
            return null;
        }

        var list = new List<string>();
        var i = 0;
        foreach (var element in value.EnumerateArray())
        {
            var field = $"paraphrases[{i++}]";
            if (element.ValueKind != JsonValueKind.String)
            {
                at.Add(field, $"must be a string, not {Kind(element)}");
            }
            else if (string.IsNullOrWhiteSpace(element.GetString()))
            {
                at.Add(field, "must not be blank");
            }
            else if (element.GetString()!.Length > MaxQuestionLength)
            {
                at.Add(field, $"must be at most {MaxQuestionLength} characters");
            }
            else if (list.Contains(element.GetString()!, StringComparer.Ordinal))
            {
                at.Add(field, "repeats an earlier paraphrase");
            }
            else
            {
                list.Add(element.GetString()!);
            }
        }

        return list.Count == count ? list : null;
    }

    private static string? Text(JsonElement root, string field, int maxLength, LineErrors at)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            at.Add(field, "is required");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            at.Add(field, $"must be a string, not {Kind(value)}");
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            at.Add(field, "must not be blank");
            return null;
        }

        if (text.Length > maxLength)
        {
            at.Add(field, $"must be at most {maxLength} characters (got {text.Length})");
            return null;
        }

        return text;
    }

    private static void Unknown(JsonElement root, string[] known, LineErrors at)
    {
        foreach (var property in root.EnumerateObject().Where(p => !known.Contains(p.Name, StringComparer.Ordinal)))
        {
            at.Add(property.Name, $"is not a known field (known: {string.Join(", ", known)})");
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        _ => "null",
    };

    private sealed class LineErrors(int line, List<string> errors)
    {
        public int Count { get; private set; }

        public void Add(string field, string reason)
        {
            errors.Add($"line {line}: {field}: {reason}");
            Count++;
        }
    }
}
