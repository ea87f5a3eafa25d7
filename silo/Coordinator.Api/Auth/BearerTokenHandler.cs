using System.Security.Claims;
using System.Text.Encodings.Web;
using Coordinator.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coordinator.Api.Auth;

/// <summary>
/// Authenticates "Authorization: Bearer &lt;token&gt;" against the configured hashes; the principal's name is
/// what the audit chains record. With authentication off, every caller is <see cref="OpenPrincipal"/> with every role.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder, ApiOptions api)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "CoordinatorBearer";

    /// <summary>Who acts when authentication is off (embedded mode on loopback).</summary>
    public const string OpenPrincipal = "anonymous";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (api.IsOpen)
        {
            return Task.FromResult(Success(OpenPrincipal, ApiRoles.All));
        }

        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length == prefix.Length)
        {
            return Task.FromResult(AuthenticateResult.Fail("the Authorization header is not 'Bearer <token>'"));
        }

        var presented = TokenHashes.Sha256Hex(header[prefix.Length..].Trim());
        foreach (var principal in api.Principals)
        {
            if (TokenHashes.Matches(presented, principal.TokenSha256))
            {
                return Task.FromResult(Success(principal.Name, principal.Roles));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("the token is not configured"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Write(Context, ApiProblems.Unauthorized());
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Write(Context, ApiProblems.Forbidden(Context.User.Identity?.Name ?? "?", Context.GetEndpoint()?.Metadata.GetMetadata<RequiredRoles>()?.Roles ?? []));

    private AuthenticateResult Success(string name, IEnumerable<string> roles)
    {
        var claims = roles.Select(r => new Claim(ClaimTypes.Role, r)).Prepend(new Claim(ClaimTypes.Name, name));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

/// <summary>Endpoint metadata naming the roles an endpoint accepts, for the 403 document.</summary>
public sealed record RequiredRoles(IReadOnlyList<string> Roles);
