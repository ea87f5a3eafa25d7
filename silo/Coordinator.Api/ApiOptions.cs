namespace Coordinator.Api;

/// <summary>The HTTP API's settings, bound from "Coordinator:Api".</summary>
public sealed class ApiOptions
{
    public const string Section = "Coordinator:Api";

    /// <summary>"tokens" (bearer tokens per principal) or "none"; default: "none" in embedded mode with no principals, else "tokens".</summary>
    public string? Authentication { get; set; }

    /// <summary>Must be true to run with "none" anywhere but embedded mode on a loopback address.</summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>Who may call, each with the SHA-256 of its token (never the token) and its roles.</summary>
    public List<ApiPrincipalOptions> Principals { get; set; } = [];

    /// <summary>The largest request body accepted (a campaign spec is at most 256 KiB).</summary>
    public int MaxBodyBytes { get; set; } = 300 * 1024;

    /// <summary>The longest <c>?wait=</c> a long-poll may ask for.</summary>
    public int MaxWaitSeconds { get; set; } = 60;

    /// <summary>How long an event stream may stay silent before a comment line keeps proxies from closing it.</summary>
    public int EventHeartbeatSeconds { get; set; } = 15;

    /// <summary>Event streams one principal may hold open at once; the next is refused (429) until one closes.</summary>
    public int MaxStreamsPerPrincipal { get; set; } = 16;

    /// <summary>How long a request may take before it is answered 504 (a long-poll gets its wait on top; event streams have none).</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// A service nobody read (GET active, long-polls) for this long and no event stream follows is let go:
    /// its flip, lease and campaign subscriptions end, and the next read follows it afresh from storage.
    /// </summary>
    public int ViewIdleReleaseSeconds { get; set; } = 600;

    /// <summary>True when requests are not authenticated at all.</summary>
    public bool IsOpen => string.Equals(Authentication, AuthenticationModes.None, StringComparison.Ordinal);
}

/// <summary>One caller of the API.</summary>
public sealed class ApiPrincipalOptions
{
    /// <summary>The principal's name: what the audit chains record and the two-person rule compares.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>64 lowercase hex characters: SHA-256 of the bearer token's UTF-8 bytes.</summary>
    public string TokenSha256 { get; set; } = string.Empty;

    /// <summary>Any of reader, writer, operator, approver.</summary>
    public List<string> Roles { get; set; } = [];
}

/// <summary>The values of <see cref="ApiOptions.Authentication"/>.</summary>
public static class AuthenticationModes
{
    public const string Tokens = "tokens";
    public const string None = "none";
}
