using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Campaigns;
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

    private const string EndpointsKey = ManifestFields.Endpoints;

    private static readonly string[] EndpointKeys = [EndpointDocument.UrlKey, EndpointDocument.HealthPathKey];

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
            else if (key == EndpointsKey)
            {
                CheckEndpoints(root, value, errors, reported);
            }
            else if (!StringKeys.Contains(key))
            {
                errors.Add(new FieldError(key, $"is not a manifest field (known: {string.Join(", ", StringKeys.Append(LabelsKey).Append(EndpointsKey))})"));
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
        errors.AddRange(ManifestValidator.Validate(manifest).Where(e => !reported.Any(r => JsonPath.IsWithin(e.Field, r))));
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

    /// <summary>
    /// Each region's endpoint must be an object of string url and health_path; a bad entry is reported
    /// and taken out (so the rest deserializes), and its path set aside so the validator does not repeat it.
    /// </summary>
    private static void CheckEndpoints(JsonObject root, JsonNode? value, List<FieldError> errors, HashSet<string> reported)
    {
        if (value is null)
        {
            return;
        }

        if (value is not JsonObject endpoints)
        {
            errors.Add(new FieldError(EndpointsKey, $"must be an object of region name to endpoint (got {Describe(value)})"));
            reported.Add(EndpointsKey);
            root.Remove(EndpointsKey);
            return;
        }

        foreach (var (region, entry) in endpoints.ToList())
        {
            var path = $"{EndpointsKey}.{region}";
            if (entry is not JsonObject endpoint)
            {
                errors.Add(new FieldError(path, $"must be an object with '{EndpointDocument.UrlKey}' and optionally '{EndpointDocument.HealthPathKey}' (got {Describe(entry)})"));
                reported.Add(path);
                endpoints.Remove(region);
                continue;
            }

            foreach (var (key, item) in endpoint.ToList())
            {
                if (!EndpointKeys.Contains(key))
                {
                    errors.Add(new FieldError($"{path}.{key}", $"is not an endpoint field (known: {string.Join(", ", EndpointKeys)})"));
                    endpoint.Remove(key);
                }
                else if (item is null || item.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add(new FieldError($"{path}.{key}", $"must be a string (got {Describe(item)})"));
                    reported.Add($"{path}.{key}");
                    endpoint.Remove(key);
                }
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
