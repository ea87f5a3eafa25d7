using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Campaigns;
using Coordinator.Domain;

namespace Coordinator.Console.Commands.Campaigns;

/// <summary>
/// A spec's <c>warm.gold_set</c> names a file on the operator's machine, which no silo can read: the
/// console reads it and sends its text in <c>warm.gold_set_content</c>. A relative path is taken from the
/// working directory, else from the spec file's directory. A spec that already carries the text is sent as it is.
/// </summary>
internal static class WarmGoldSet
{
    /// <summary>
    /// The spec's text with the gold set's text filled in (unchanged when there is nothing to fill), or an
    /// error at <c>$.warm.gold_set</c> when the named file cannot be read.
    /// </summary>
    public static (string Text, FieldError? Error) Inline(string specPath, string text)
    {
        JsonObject? warm;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
            warm = (root as JsonObject)?["warm"] as JsonObject;
        }
        catch (JsonException)
        {
            return (text, null);   // the reader reports bad JSON in its own words
        }

        if (warm is null || warm.ContainsKey("gold_set_content") || warm["gold_set"] is not JsonValue name || !name.TryGetValue<string>(out var goldPath)
            || string.IsNullOrWhiteSpace(goldPath))
        {
            return (text, null);
        }

        var candidates = Path.IsPathRooted(goldPath)
            ? [goldPath]
            : new[] { Path.GetFullPath(goldPath), Path.Combine(Path.GetDirectoryName(Path.GetFullPath(specPath)) ?? ".", goldPath) };
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
        {
            return (text, new FieldError("$.warm.gold_set", $"file '{goldPath}' not found (looked in the working directory and beside the spec)"));
        }

        try
        {
            var length = new FileInfo(found).Length;
            if (length > CampaignLimits.MaxGoldSetChars)
            {
                return (text, new FieldError("$.warm.gold_set", $"file '{goldPath}' is {length} bytes; a gold set carried in a spec is at most {CampaignLimits.MaxGoldSetChars}"));
            }

            warm["gold_set_content"] = File.ReadAllText(found);
            return (root!.ToJsonString(), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (text, new FieldError("$.warm.gold_set", $"file '{goldPath}' cannot be read: {ex.Message}"));
        }
    }
}
