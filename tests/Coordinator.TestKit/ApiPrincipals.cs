using Coordinator.Api.Auth;

namespace Coordinator.TestKit;

/// <summary>The silo settings that give each named principal a bearer token and its roles, as an operator configures them.</summary>
public static class ApiPrincipals
{
    /// <summary>Adds `Coordinator:Api:Principals:{i}:*` for every principal to <paramref name="settings"/>; only the token's SHA-256 is configured.</summary>
    public static void AddTo(IDictionary<string, string?> settings, IReadOnlyDictionary<string, string[]> principals, Func<string, string> tokenOf)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(principals);
        ArgumentNullException.ThrowIfNull(tokenOf);
        var i = 0;
        foreach (var (name, roles) in principals)
        {
            settings[$"Coordinator:Api:Principals:{i}:Name"] = name;
            settings[$"Coordinator:Api:Principals:{i}:TokenSha256"] = TokenHashes.Sha256Hex(tokenOf(name));
            for (var r = 0; r < roles.Length; r++)
            {
                settings[$"Coordinator:Api:Principals:{i}:Roles:{r}"] = roles[r];
            }

            i++;
        }
    }
}
