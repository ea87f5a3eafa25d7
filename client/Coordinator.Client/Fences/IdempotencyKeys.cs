using System.Security.Cryptography;
using System.Text;

namespace Coordinator.Client.Fences;

/// <summary>Idempotency keys and payload hashes for side effects.</summary>
public static class IdempotencyKeys
{
    /// <summary>
    /// sha256(source_type + source_id + revision + INDEX_HASH + action), lowercase hex. Each part is
    /// length-prefixed before hashing so ("ab","c") and ("a","bc") never collide. Including INDEX_HASH
    /// means the same source processed against a new index is a new side effect, as intended.
    /// </summary>
    public static string Derive(string sourceType, string sourceId, string revision, string indexHash, string action)
    {
        var parts = new[] { sourceType, sourceId, revision, indexHash, action };
        for (var i = 0; i < parts.Length; i++)
        {
            if (string.IsNullOrEmpty(parts[i]))
            {
                throw new ArgumentException($"{Names[i]} is required to derive an idempotency key", Names[i]);
            }
        }

        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            builder.Append(part.Length).Append(':').Append(part);
        }

        return Hash(builder.ToString());
    }

    /// <summary>sha256 of a payload, for <c>CommitRequest.PayloadHash</c>.</summary>
    public static string PayloadHash(ReadOnlySpan<byte> payload) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(payload));

    /// <summary>sha256 of <paramref name="payload"/>'s UTF-8 bytes, for <c>CommitRequest.PayloadHash</c>.</summary>
    public static string PayloadHash(string payload) => PayloadHash(Encoding.UTF8.GetBytes(payload));

    private static readonly string[] Names = ["sourceType", "sourceId", "revision", "indexHash", "action"];

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
