using System.Collections.Immutable;
using Coordinator.Campaigns;

namespace Coordinator.Domain;

/// <summary>The endpoints map: region names as keys, absolute http(s) URLs without credentials as values.</summary>
public static partial class ManifestValidator
{
    public const int MaxEndpoints = 64;
    public const int MaxUrlLength = HttpUrlRules.MaxLength;
    public const int MaxHealthPathLength = 256;

    private static void CheckEndpoints(ImmutableSortedDictionary<string, ArmEndpoint>? endpoints, string field, List<FieldError> errors)
    {
        if (endpoints is null)
        {
            return;
        }

        if (endpoints.Count > MaxEndpoints)
        {
            errors.Add(new FieldError(field, $"must have at most {MaxEndpoints} regions (got {endpoints.Count})"));
        }

        foreach (var (region, endpoint) in endpoints)
        {
            var path = Child(field, region);
            var before = errors.Count;
            NameRules.Check(path, region, errors);
            if (errors.Count > before)
            {
                // A key that is not a region is the error; what it maps to is not judged.
                continue;
            }

            if (endpoint is null)
            {
                errors.Add(new FieldError(path, $"must be an object with '{EndpointDocument.UrlKey}'"));
                continue;
            }

            CheckUrl(Child(path, EndpointDocument.UrlKey), endpoint.Url, errors);
            if (endpoint.HealthPath is not null)
            {
                CheckHealthPath(Child(path, EndpointDocument.HealthPathKey), endpoint.HealthPath, errors);
            }
        }
    }

    /// <summary>
    /// "endpoints.eu-west" in a manifest file; inside a JSON path (a spec's "$.target.") the way the spec
    /// reader spells it, "$.target.endpoints['eu-west']", so one report never names a key two ways.
    /// </summary>
    private static string Child(string parent, string key) =>
        parent.StartsWith(JsonPath.Root, StringComparison.Ordinal) ? JsonPath.Property(parent, key) : $"{parent}.{key}";

    /// <summary>An upstream base URL: the shared shape, and no query or fragment.</summary>
    private static void CheckUrl(string field, string? url, List<FieldError> errors)
    {
        var uri = HttpUrlRules.Check(field, url, "the arm's absolute http or https base URL in this region", "; keep secrets out of manifests", errors);
        if (uri is not null && (url!.Contains('?', StringComparison.Ordinal) || url.Contains('#', StringComparison.Ordinal)))
        {
            errors.Add(new FieldError(field, "must not have a query or a fragment: it is a base URL that request paths are appended to"));
        }
    }

    private static void CheckHealthPath(string field, string path, List<FieldError> errors)
    {
        if (path.Length > MaxHealthPathLength)
        {
            errors.Add(new FieldError(field, $"must be at most {MaxHealthPathLength} characters (got {path.Length})"));
        }
        else if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            // "//host/x" would name another host, not a path on the arm.
            errors.Add(new FieldError(field, "must be a path starting with a single '/', e.g. /healthz"));
        }
        else if (path.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add(new FieldError(field, "must not contain whitespace or control characters"));
        }
        else if (path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal))
        {
            errors.Add(new FieldError(field, "must be a path only, without a query or a fragment"));
        }
    }
}
