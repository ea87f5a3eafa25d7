using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Coordinator.Domain;

namespace Coordinator.Campaigns.Json;

/// <summary>
/// JSON Schemas of the campaign spec and the manifest, generated from the very document classes the
/// readers check keys and types against, so an editor flags an unknown key or a wrong type before the
/// console or the API does. Values (ranges, names, required fields) are the validators' to judge.
/// </summary>
public static class DocumentSchemas
{
    /// <summary>The schemas by the file name they ship under (infra/schemas/) and are served as.</summary>
    public static IReadOnlyDictionary<string, Func<string>> All { get; } = new Dictionary<string, Func<string>>(StringComparer.Ordinal)
    {
        ["campaign-spec.schema.json"] = () => Generate(typeof(CampaignSpecDocument), "Coordinator campaign spec (version 1)"),
        ["manifest.schema.json"] = () => Generate(typeof(ManifestDocument), "Coordinator arm manifest"),
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string Generate(Type document, string title)
    {
        var schema = CampaignSpecJsonContext.Default.Options.GetJsonSchemaAsNode(document, new JsonSchemaExporterOptions
        {
            TransformSchemaNode = (_, node) => Tighten(node),
        });
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = title,
        };
        foreach (var (key, value) in schema.AsObject().ToList())
        {
            schema.AsObject().Remove(key);
            root[key] = value;
        }

        return root.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>
    /// What the readers refuse, the schema refuses too: unknown keys (additionalProperties false) and
    /// null values (a key is left out to take its default, never set to null).
    /// </summary>
    private static JsonNode Tighten(JsonNode node)
    {
        if (node is not JsonObject obj)
        {
            return node;
        }

        if (obj["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"))
        {
            var rest = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            obj["type"] = rest.Count == 1 ? JsonValue.Create(rest[0]) : new JsonArray([.. rest.Select(t => (JsonNode)JsonValue.Create(t)!)]);
        }

        if (obj["type"] is JsonValue { } type && type.GetValue<string>() == "object" && obj["properties"] is not null)
        {
            obj["additionalProperties"] = false;
        }

        return obj;
    }
}
