using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Coordinator.Api.Endpoints;

/// <summary>Query parameters parsed by hand, so a bad one is a problem document naming it rather than a bare 400.</summary>
public static class QueryValues
{
    public static long? Long(HttpRequest request, string name, long min, long max, List<FieldError> errors)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count == 1 && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new FieldError(name, $"must be one whole number from {min} to {max}"));
        return null;
    }

    public static bool Flag(HttpRequest request, string name, List<FieldError> errors)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return false;
        }

        if (values.Count == 1 && bool.TryParse(values[0], out var value))
        {
            return value;
        }

        errors.Add(new FieldError(name, "must be true or false"));
        return false;
    }

    public static string? Text(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) ? values.ToString() : null;
}
