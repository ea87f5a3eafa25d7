using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Coordinator.Campaigns.Json;

/// <summary>
/// Walks a parsed document against the source-generated metadata of the document classes and
/// reports every unknown key and every value of the wrong JSON type, by JSON path. Bad values are
/// taken out (object keys removed, array items nulled so later indexes keep their paths) so the
/// rest deserializes; their paths are remembered so nothing is reported twice. The HTTP API checks
/// its request bodies with it too.
/// </summary>
public sealed class JsonShapeChecker(JsonSerializerOptions options)
{
    public List<FieldError> Errors { get; } = [];

    /// <summary>Paths already reported; errors found later at or below them are dropped.</summary>
    public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);

    public void Report(string path, string reason)
    {
        Errors.Add(new FieldError(path, reason));
        Reported.Add(path);
    }

    public bool WasReported(string path) => Reported.Any(p => JsonPath.IsWithin(path, p));

    public void CheckObject(JsonObject node, Type type, string path)
    {
        var info = options.GetTypeInfo(type);
        var properties = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (key, value) in node.ToList())
        {
            var childPath = JsonPath.Property(path, key);
            if (!properties.TryGetValue(key, out var property))
            {
                Report(childPath, $"is not a known key here (known: {string.Join(", ", properties.Keys)})");
                node.Remove(key);
            }
            else if (!CheckValue(value, property.PropertyType, childPath))
            {
                node.Remove(key);
            }
        }
    }

    /// <summary>False when the value has the wrong JSON type (reported) and must be taken out.</summary>
    private bool CheckValue(JsonNode? value, Type type, string path)
    {
        var clrType = Nullable.GetUnderlyingType(type) ?? type;
        var info = options.GetTypeInfo(clrType);
        var expected = Expected(info);
        if (value is null)
        {
            Report(path, $"must be {expected}, not null (leave the key out to use its default)");
            return false;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when value is JsonObject obj:
                CheckObject(obj, clrType, path);
                return true;
            case JsonTypeInfoKind.Enumerable when value is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (!CheckValue(array[i], info.ElementType!, JsonPath.Index(path, i)))
                    {
                        array[i] = null;
                    }
                }

                return true;
            case JsonTypeInfoKind.Dictionary when value is JsonObject map:
                foreach (var (key, item) in map.ToList())
                {
                    if (!CheckValue(item, info.ElementType!, JsonPath.Property(path, key)))
                    {
                        map.Remove(key);
                    }
                }

                return true;
            case JsonTypeInfoKind.None when IsScalarOfType(value, clrType):
                return true;
            default:
                Report(path, $"must be {expected} (got {Describe(value)})");
                return false;
        }
    }

    private static bool IsScalarOfType(JsonNode value, Type type)
    {
        if (value is not JsonValue scalar)
        {
            return false;
        }

        var kind = scalar.GetValueKind();
        if (type == typeof(string))
        {
            return kind == JsonValueKind.String;
        }

        if (type == typeof(bool))
        {
            return kind is JsonValueKind.True or JsonValueKind.False;
        }

        if (type == typeof(double))
        {
            return kind == JsonValueKind.Number && scalar.TryGetValue<double>(out var d) && double.IsFinite(d);
        }

        if (type == typeof(long))
        {
            return kind == JsonValueKind.Number && scalar.TryGetValue<long>(out _);
        }

        throw new InvalidOperationException($"The document uses {type}, which the shape check does not know.");
    }

    private static string Expected(JsonTypeInfo info) => info.Kind switch
    {
        JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
        JsonTypeInfoKind.Enumerable => "an array",
        _ when info.Type == typeof(string) => "a string",
        _ when info.Type == typeof(bool) => "true or false",
        _ when info.Type == typeof(long) => "a whole number",
        _ => "a number",
    };

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => Truncate(node.ToJsonString()),
        },
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
