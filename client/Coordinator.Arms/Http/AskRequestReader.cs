using System.Text.Json;

namespace Coordinator.Arms.Http;

/// <summary>A valid <c>/ask</c> request.</summary>
internal sealed record AskRequest(string Question, int Seed, int TopK);

/// <summary>
/// Reads an <c>/ask</c> body field by field so every error names its field: <c>question</c> (required,
/// non-blank string, at most 2000 characters), <c>seed</c> (optional 32-bit integer, default 0),
/// <c>top_k</c> (optional integer, 1 to the arm's maximum). Unknown fields are ignored, so a caller may
/// send more than this arm reads.
/// </summary>
internal static class AskRequestReader
{
    public const int MaxQuestionLength = 2000;

    public static (AskRequest? Request, Dictionary<string, string[]> Errors) Read(JsonElement body, ArmOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = [$"must be a JSON object, not {body.ValueKind.ToString().ToLowerInvariant()}"];
            return (null, errors);
        }

        string? question = null;
        if (!body.TryGetProperty("question", out var q) || q.ValueKind == JsonValueKind.Null)
        {
            errors["question"] = ["is required"];
        }
        else if (q.ValueKind != JsonValueKind.String)
        {
            errors["question"] = [$"must be a string, not {q.ValueKind.ToString().ToLowerInvariant()}"];
        }
        else if (string.IsNullOrWhiteSpace(question = q.GetString()))
        {
            errors["question"] = ["must not be blank"];
        }
        else if (question.Length > MaxQuestionLength)
        {
            errors["question"] = [$"must be at most {MaxQuestionLength} characters, not {question.Length}"];
        }

        var seed = Integer(body, "seed", int.MinValue, int.MaxValue, 0, errors);
        var topK = Integer(body, "top_k", 1, options.MaxTopK, options.DefaultTopK, errors);
        return errors.Count > 0 ? (null, errors) : (new AskRequest(question!, seed, topK), errors);
    }

    private static int Integer(JsonElement body, string field, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            errors[field] = [$"must be an integer, not {Describe(value)}"];
            return fallback;
        }

        if (number < min || number > max)
        {
            errors[field] = [$"must be between {min} and {max}, not {number}"];
            return fallback;
        }

        return (int)number;
    }

    private static string Describe(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.ValueKind.ToString().ToLowerInvariant();
}
