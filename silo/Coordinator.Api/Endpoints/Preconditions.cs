using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Coordinator.Api.Endpoints;

/// <summary>Epochs as entity tags: <c>"7"</c> is epoch 7 (strong; weak tags never match a compare-and-set).</summary>
public static class Preconditions
{
    public static string ETag(long epoch) => "\"" + epoch.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Parses one strong tag of an epoch; adds an error naming <paramref name="header"/> when it is not one.</summary>
    public static long? ParseEpoch(StringValues values, string header, List<FieldError> errors)
    {
        if (StringValues.IsNullOrEmpty(values))
        {
            return null;
        }

        var text = values.ToString().Trim();
        if (values.Count == 1 && text.Length > 2 && text[0] == '"' && text[^1] == '"'
            && long.TryParse(text.AsSpan(1, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            return epoch;
        }

        errors.Add(new FieldError(header, $"must be one epoch as a quoted entity tag, e.g. \"3\" (got {Truncate(text)})"));
        return null;
    }

    /// <summary>True when If-None-Match names <paramref name="epoch"/> (or is <c>*</c>).</summary>
    public static bool NoneMatchHits(HttpRequest request, long epoch)
    {
        var current = ETag(epoch);
        foreach (var value in request.Headers.IfNoneMatch)
        {
            foreach (var tag in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (tag == "*" || tag == current || tag == "W/" + current)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The highest epoch If-None-Match names; null when it names none.</summary>
    public static long? NoneMatchEpoch(HttpRequest request)
    {
        long? highest = null;
        foreach (var value in request.Headers.IfNoneMatch)
        {
            foreach (var tag in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var bare = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
                if (bare.Length > 2 && long.TryParse(bare.AsSpan(1, bare.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
                {
                    highest = highest is { } h && h > epoch ? h : epoch;
                }
            }
        }

        return highest;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
