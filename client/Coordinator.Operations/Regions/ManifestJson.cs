using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Domain;

namespace Coordinator.Operations.Regions;

/// <summary>
/// Reads manifest JSON and reports every problem in it at once, by JSON field name: unknown keys,
/// values of the wrong JSON type, then whatever <see cref="ManifestValidator"/> finds in the rest.
/// The console reads files with it, the API request bodies.
/// </summary>
public static class ManifestJson
{
    /// <summary>A manifest is a few hundred bytes; anything this large is the wrong document.</summary>
    public const int MaxBytes = 64 * 1024;

    private const string LabelsKey = ManifestFields.Labels;

    private static readonly string[] StringKeys = [.. ManifestFields.All.Select(f => f.Name)];

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Parses manifest JSON; adds every problem to <paramref name="errors"/> and returns null if there is any.</summary>
    public static ArmManifest? Parse(string json, List<FieldError> errors)
    {
        JsonObject root;
        try
        {
            var node = JsonNode.Parse(json, documentOptions: DocumentOptions);
            if (node is not JsonObject obj)
            {
                errors.Add(new FieldError("manifest", "must be a JSON object of manifest fields"));
                return null;
            }

            root = obj;
        }
        catch (JsonException ex)
        {
            errors.Add(new FieldError("manifest", $"is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}): {FirstSentence(ex.Message)}"));
            return null;
        }

        // Set aside whatever is already reported, so the validator below does not report it again.
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in root.ToList())
        {
            if (key == LabelsKey)
            {
                CheckLabels(value, errors, reported);
            }
            else if (!StringKeys.Contains(key))
            {
                errors.Add(new FieldError(key, $"is not a manifest field (known: {string.Join(", ", StringKeys.Append(LabelsKey))})"));
                root.Remove(key);
            }
            else if (value is not null && value.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(new FieldError(key, $"must be a string (got {Describe(value)})"));
                reported.Add(key);
                root.Remove(key);
            }
        }

        if (reported.Contains(LabelsKey))
        {
            root.Remove(LabelsKey);
        }

        var document = root.Deserialize(ManifestJsonContext.Default.ManifestDocument) ?? new ManifestDocument();
        var manifest = document.ToManifest();
        errors.AddRange(ManifestValidator.Validate(manifest).Where(e => !reported.Contains(e.Field)));
        return errors.Count == 0 ? manifest : null;
    }

    private static void CheckLabels(JsonNode? value, List<FieldError> errors, HashSet<string> reported)
    {
        if (value is null)
        {
            return;
        }

        if (value is not JsonObject labels)
        {
            errors.Add(new FieldError(LabelsKey, $"must be an object of string values (got {Describe(value)})"));
            reported.Add(LabelsKey);
            return;
        }

        foreach (var (key, labelValue) in labels)
        {
            if (labelValue is null || labelValue.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(new FieldError($"{LabelsKey}.{key}", $"must be a string (got {Describe(labelValue)})"));
                reported.Add(LabelsKey);
            }
        }
    }

    private static string Describe(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant();

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
