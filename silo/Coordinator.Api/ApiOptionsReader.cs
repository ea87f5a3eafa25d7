using System.Net;
using Coordinator.Api.Auth;
using Coordinator.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Coordinator.Api;

/// <summary>Reads "Coordinator:Api" and reports every bad setting at once, before anything is served.</summary>
public static class ApiOptionsReader
{
    private static readonly string[] KnownKeys =
        [nameof(ApiOptions.AllowUnauthenticated), nameof(ApiOptions.Authentication), nameof(ApiOptions.EventHeartbeatSeconds), nameof(ApiOptions.MaxBodyBytes),
        nameof(ApiOptions.MaxStreamsPerPrincipal), nameof(ApiOptions.MaxWaitSeconds), nameof(ApiOptions.Principals), nameof(ApiOptions.RequestTimeoutSeconds), nameof(ApiOptions.ViewIdleReleaseSeconds)];

    /// <exception cref="OptionsValidationException">One or more settings are invalid; every failure is listed.</exception>
    public static ApiOptions Read(IConfiguration configuration)
    {
        var options = new ApiOptions();
        var section = configuration.GetSection(ApiOptions.Section);
        section.Bind(options);
        var mode = configuration["Coordinator:StorageMode"]?.Trim().ToLowerInvariant() ?? "embedded";
        var address = configuration["Coordinator:AdvertisedIPAddress"] ?? "127.0.0.1";
        options.Authentication ??= mode == "embedded" && options.Principals.Count == 0 ? AuthenticationModes.None : AuthenticationModes.Tokens;

        var failures = section.GetChildren()
            .Where(c => !KnownKeys.Contains(c.Key))
            .Select(c => $"{ApiOptions.Section}:{c.Key}: is not a known setting (known: {string.Join(", ", KnownKeys)})")
            .ToList();
        failures.AddRange(Validate(options, mode, address));
        return failures.Count == 0 ? options : throw new OptionsValidationException(ApiOptions.Section, typeof(ApiOptions), failures);
    }

    public static List<string> Validate(ApiOptions options, string storageMode, string address)
    {
        var failures = new List<string>();
        var prefix = ApiOptions.Section + ":";
        if (options.Authentication is not (AuthenticationModes.Tokens or AuthenticationModes.None))
        {
            failures.Add($"{prefix}Authentication: '{options.Authentication}' is not a mode; use tokens or none");
        }

        if (options.IsOpen && !options.AllowUnauthenticated)
        {
            if (storageMode != "embedded")
            {
                failures.Add($"{prefix}Authentication: none is refused in {storageMode} mode; configure Principals, or set {prefix}AllowUnauthenticated=true to serve without tokens deliberately");
            }
            else if (!IPAddress.TryParse(address, out var ip) || !IPAddress.IsLoopback(ip))
            {
                failures.Add($"{prefix}Authentication: none is served only on a loopback address (this silo listens on {address}); configure Principals, or set {prefix}AllowUnauthenticated=true");
            }
        }

        if (options.Authentication == AuthenticationModes.Tokens && options.Principals.Count == 0)
        {
            failures.Add($"{prefix}Principals: tokens authentication needs at least one principal");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Principals.Count; i++)
        {
            var principal = options.Principals[i];
            var at = $"{prefix}Principals:{i}";
            var nameErrors = new List<FieldError>();
            NameRules.CheckText("Name", principal.Name, Limits.MaxOperatorLength, nameErrors);
            failures.AddRange(nameErrors.Select(e => $"{at}:{e.Field}: {e.Reason}"));
            if (nameErrors.Count == 0 && !names.Add(principal.Name))
            {
                failures.Add($"{at}:Name: '{principal.Name}' is configured twice; one principal, one entry (it may have several roles)");
            }

            if (!TokenHashes.IsSha256Hex(principal.TokenSha256))
            {
                failures.Add($"{at}:TokenSha256: must be 64 lowercase hex characters (the SHA-256 of the token), never the token itself");
            }
            else if (!hashes.Add(principal.TokenSha256))
            {
                failures.Add($"{at}:TokenSha256: the same token is configured for two principals");
            }

            if (principal.Roles.Count == 0)
            {
                failures.Add($"{at}:Roles: at least one of {string.Join(", ", ApiRoles.All)}");
            }

            failures.AddRange(principal.Roles.Where(r => !ApiRoles.All.Contains(r))
                .Select(r => $"{at}:Roles: '{r}' is not a role; use {string.Join(", ", ApiRoles.All)}"));
        }

        if (options.MaxBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"{prefix}MaxBodyBytes: {options.MaxBodyBytes} is out of range (1024-16777216)");
        }

        if (options.MaxWaitSeconds is < 1 or > 3600)
        {
            failures.Add($"{prefix}MaxWaitSeconds: {options.MaxWaitSeconds} is out of range (1-3600)");
        }

        if (options.MaxStreamsPerPrincipal is < 1 or > 10_000)
        {
            failures.Add($"{prefix}MaxStreamsPerPrincipal: {options.MaxStreamsPerPrincipal} is out of range (1-10000)");
        }

        if (options.RequestTimeoutSeconds is < 1 or > 600)
        {
            failures.Add($"{prefix}RequestTimeoutSeconds: {options.RequestTimeoutSeconds} is out of range (1-600)");
        }

        if (options.ViewIdleReleaseSeconds is < 1 or > 86_400)
        {
            failures.Add($"{prefix}ViewIdleReleaseSeconds: {options.ViewIdleReleaseSeconds} is out of range (1-86400)");
        }

        if (options.EventHeartbeatSeconds is < 1 or > 300)
        {
            failures.Add($"{prefix}EventHeartbeatSeconds: {options.EventHeartbeatSeconds} is out of range (1-300)");
        }

        return failures;
    }
}
