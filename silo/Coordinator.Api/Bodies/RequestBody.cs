using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Api.Problems;
using Coordinator.Campaigns;
using Coordinator.Campaigns.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Coordinator.Api.Bodies;

/// <summary>
/// Reads a request body within the size limit and checks it against a request type: malformed JSON,
/// unknown keys and values of the wrong type are all reported together, each by JSON path.
/// </summary>
public static class RequestBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    /// <summary>The body as text, or the problem (415, 413) that refuses it.</summary>
    public static async Task<(string? Text, ProblemDetails? Problem)> ReadTextAsync(HttpContext context, ApiOptions options)
    {
        var request = context.Request;
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiProblems.UnsupportedMediaType());
        }

        if (request.ContentLength > options.MaxBodyBytes)
        {
            return (null, ApiProblems.TooLarge(options.MaxBodyBytes));
        }

        // Read at most one byte past the limit: a chunked body with no length still stops there. The
        // buffer is rented, not allocated: a limit of hundreds of KiB would put every body on the large-object heap.
        var buffer = ArrayPool<byte>.Shared.Rent(options.MaxBodyBytes + 1);
        try
        {
            var length = 0;
            while (length <= options.MaxBodyBytes)
            {
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, options.MaxBodyBytes + 1 - length), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > options.MaxBodyBytes)
            {
                return (null, ApiProblems.TooLarge(options.MaxBodyBytes));
            }

            try
            {
                return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length), null);
            }
            catch (DecoderFallbackException)
            {
                return (null, ApiProblems.Invalid([new FieldError(JsonPath.Root, "is not UTF-8")]));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The body as <typeparamref name="T"/>, or a problem listing every malformed, unknown or mistyped value.</summary>
    public static async Task<(T? Value, ProblemDetails? Problem)> ReadAsync<T>(HttpContext context, ApiOptions options)
        where T : class
    {
        var (text, problem) = await ReadTextAsync(context, options);
        if (problem is not null)
        {
            return (null, problem);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text!, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.Invalid([new FieldError(JsonPath.Root, $"is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine})")]));
        }

        if (node is not JsonObject root)
        {
            return (null, ApiProblems.Invalid([new FieldError(JsonPath.Root, $"must be a JSON object (got {JsonShapeChecker.Describe(node)})")]));
        }

        var shape = new JsonShapeChecker(ApiJson.Options);
        shape.CheckObject(root, typeof(T), JsonPath.Root);
        if (shape.Errors.Count > 0)
        {
            return (null, ApiProblems.Invalid(shape.Errors));
        }

        return (root.Deserialize<T>(ApiJson.Options), null);
    }
}
