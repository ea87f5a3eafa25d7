namespace Coordinator.Domain;

/// <summary>
/// The shape every URL the coordinator stores must have (an arm's endpoint, a webhook): absolute http(s)
/// with a host, bounded, no whitespace, no credentials. What else a URL may carry (a query, a fragment)
/// is its caller's rule. No message quotes the URL: one with credentials in it must never be echoed.
/// </summary>
public static class HttpUrlRules
{
    public const int MaxLength = 2048;

    /// <summary>
    /// Adds at most one error for <paramref name="url"/> and returns the parsed URL when it has the shape,
    /// so the caller checks its own rules on it; null after an error.
    /// </summary>
    /// <param name="required">Why the URL is needed, after "is required: ", when it is missing.</param>
    /// <param name="noCredentials">Why credentials are refused here, after "must not contain credentials (user info before '@')".</param>
    public static Uri? Check(string field, string? url, string required, string noCredentials, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(url))
        {
            errors.Add(new FieldError(field, $"is required: {required}"));
        }
        else if (url.Length > MaxLength)
        {
            errors.Add(new FieldError(field, $"must be at most {MaxLength} characters (got {url.Length})"));
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
            errors.Add(new FieldError(field, $"must not contain credentials (user info before '@'){noCredentials}"));
        }
        else
        {
            return uri;
        }

        return null;
    }

    /// <summary>The text between "scheme://" and the path, query or fragment: where user info would sit (an empty one included).</summary>
    private static ReadOnlySpan<char> Authority(string url, string scheme)
    {
        var rest = url.AsSpan(scheme.Length + 3);
        var end = rest.IndexOfAny('/', '?', '#');
        return end < 0 ? rest : rest[..end];
    }
}
