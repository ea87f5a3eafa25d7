using System.Collections.Immutable;
using Coordinator.Campaigns;

namespace Coordinator.Domain;

/// <summary>The endpoints map: region names as keys, absolute http(s) URLs without credentials as values.</summary>
public static partial class ManifestValidator
{
    public const int MaxEndpoints = 64;
    public const int MaxUrlLength = 2048;
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

    /// <summary>
    /// An upstream base URL. No message quotes the URL: one written with credentials in it must not be
    /// echoed into a terminal, a log or an HTTP problem document.
    /// </summary>
    private static void CheckUrl(string field, string? url, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            errors.Add(new FieldError(field, "is required: the arm's absolute http or https base URL in this region"));
        }
        else if (url.Length > MaxUrlLength)
        {
            errors.Add(new FieldError(field, $"must be at most {MaxUrlLength} characters (got {url.Length})"));
        }
        else if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add(new FieldError(field, "must not contain whitespace or control characters"));
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
                 || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                 || !url.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase)
                 || uri.Host.Length == 0)
        {
            errors.Add(new FieldError(field, "must be an absolute http:// or https:// URL with a host"));
        }
        else if (uri.UserInfo.Length > 0 || Authority(url, uri.Scheme).Contains('@'))
        {
            errors.Add(new FieldError(field, "must not contain credentials (user info before '@'); keep secrets out of manifests"));
        }
        else if (url.Contains('?', StringComparison.Ordinal) || url.Contains('#', StringComparison.Ordinal))
        {
            errors.Add(new FieldError(field, "must not have a query or a fragment: it is a base URL that request paths are appended to"));
        }
    }

    /// <summary>The text between "scheme://" and the path, query or fragment: where user info would sit.</summary>
    private static ReadOnlySpan<char> Authority(string url, string scheme)
    {
        var rest = url.AsSpan(scheme.Length + 3);
        var end = rest.IndexOfAny('/', '?', '#');
        return end < 0 ? rest : rest[..end];
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
