using System.Text.Json;

namespace Coordinator.Evaluation.Arms;

/// <summary>Reads an arm's <c>/ask</c> answer, naming the first field that breaks the contract.</summary>
internal static class ArmAnswerReader
{
    public static (ArmAnswer? Answer, string? Error) Read(string body, double roundTripMs)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return (null, $"body: not JSON ({ex.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, $"body: must be a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}");
            }

            if (Text(root, "answer", "answer", out var answer) is { } e1)
            {
                return (null, e1);
            }

            if (!root.TryGetProperty("passages", out var passages) || passages.ValueKind != JsonValueKind.Array)
            {
                return (null, "passages: must be an array");
            }

            var list = new List<ArmPassage>();
            var i = 0;
            foreach (var p in passages.EnumerateArray())
            {
                var path = $"passages[{i++}]";
                if (p.ValueKind != JsonValueKind.Object)
                {
                    return (null, $"{path}: must be an object");
                }

                string?[] fieldErrors = [Text(p, "id", path + ".id", out var id), Text(p, "section", path + ".section", out var section), Text(p, "text", path + ".text", out var text)];
                if (fieldErrors.FirstOrDefault(e => e is not null) is { } e2)
                {
                    return (null, e2);
                }

                list.Add(new ArmPassage(id!, section!, text!));
            }

            if (!root.TryGetProperty("timings_ms", out var timings) || timings.ValueKind != JsonValueKind.Object)
            {
                return (null, "timings_ms: must be an object with retrieve, rerank and reason");
            }

            string?[] timingErrors = [Millis(timings, "retrieve", out var retrieve), Millis(timings, "rerank", out var rerank), Millis(timings, "reason", out var reason)];
            if (timingErrors.FirstOrDefault(e => e is not null) is { } e3)
            {
                return (null, e3);
            }

            return (new ArmAnswer(answer!, list, new ArmStageTimings(retrieve, rerank, reason), Optional(root, "index_hash"), Optional(root, "prompt_ver"), roundTripMs), null);
        }
    }

    private static string? Text(JsonElement obj, string field, string path, out string? value)
    {
        value = obj.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return value is null ? $"{path}: must be a string" : null;
    }

    private static string? Millis(JsonElement obj, string field, out double value)
    {
        value = 0;
        return obj.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out value) && double.IsFinite(value) && value >= 0
            ? null
            : $"timings_ms.{field}: must be a number of milliseconds, at least 0";
    }

    private static string? Optional(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
