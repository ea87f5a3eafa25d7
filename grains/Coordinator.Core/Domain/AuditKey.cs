using System.Security.Cryptography;

namespace Coordinator.Domain;

/// <summary>
/// The secret that keys audit chains (HMAC-SHA256). It comes from the silo's configuration and is
/// never written next to a chain: whoever can rewrite storage but lacks the key cannot forge a hash.
/// </summary>
public sealed class AuditKey
{
    /// <summary>Shortest key accepted: HMAC-SHA256 gains nothing from keys longer than its block, and loses from shorter than its output.</summary>
    public const int MinimumBytes = 32;

    private readonly byte[] _bytes;

    private AuditKey(byte[] bytes) => _bytes = bytes;

    /// <summary>
    /// The embedded mode's key. NOT SECRET: it is printed here for everyone; it only lets the demo and
    /// tests run the keyed code path. Azure mode requires a key of its own.
    /// </summary>
    public static AuditKey DemoNotSecret { get; } = new("coordinator-embedded-demo-audit-key-not-secret"u8.ToArray());

    /// <summary>A short, non-reversible name of the key (first 8 hex of SHA-256 of its bytes), for logs and status.</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(_bytes))[..8];

    /// <summary>Parses base64 text of at least <see cref="MinimumBytes"/> bytes; null with a reason otherwise.</summary>
    public static AuditKey? TryParse(string? base64, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(base64))
        {
            problem = "is empty";
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            problem = "is not base64";
            return null;
        }

        if (bytes.Length < MinimumBytes)
        {
            problem = $"decodes to {bytes.Length} bytes; at least {MinimumBytes} are required";
            return null;
        }

        return new AuditKey(bytes);
    }

    /// <summary>HMAC-SHA256 of <paramref name="data"/> in lowercase hex.</summary>
    public string Sign(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(HMACSHA256.HashData(_bytes, data));
}
