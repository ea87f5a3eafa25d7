using System.Security.Cryptography;
using System.Text;

namespace Coordinator.Api.Auth;

/// <summary>Bearer tokens are configured as SHA-256 hashes; a presented token is hashed and compared in constant time.</summary>
public static class TokenHashes
{
    public static string Sha256Hex(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool IsSha256Hex(string? text) =>
        text is { Length: 64 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public static bool Matches(string presentedHash, string configuredHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presentedHash), Encoding.ASCII.GetBytes(configuredHash));
}
