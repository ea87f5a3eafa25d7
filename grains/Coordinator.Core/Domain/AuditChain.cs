using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coordinator.Domain;

/// <summary>
/// The hash chain behind a region's audit log. Each entry's hash covers a canonical encoding of all
/// its fields and the previous entry's hash; the owner also keeps the head hash and count, so a
/// removed tail entry is detected as well as an altered or removed middle one.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static AuditEntry Append(
        IReadOnlyList<AuditEntry> chain, DateTimeOffset at, string operatorName, string command, string detail, string before, string after) =>
        chain.Count == 0
            ? Append(0, Genesis, at, operatorName, command, detail, before, after)
            : Append(chain[^1].Sequence, chain[^1].Hash, at, operatorName, command, detail, before, after);

    /// <summary>The entry after the one numbered <paramref name="previousSequence"/> with hash <paramref name="previous"/>.</summary>
    public static AuditEntry Append(
        long previousSequence, string previous, DateTimeOffset at, string operatorName, string command, string detail, string before, string after)
    {
        var entry = new AuditEntry
        {
            Sequence = previousSequence + 1,
            At = at.ToUniversalTime(),
            Operator = operatorName,
            Command = command,
            Detail = detail,
            Before = before,
            After = after,
            PreviousHash = previous,
            Hash = string.Empty,
        };
        return entry with { Hash = ComputeHash(entry) };
    }

    /// <summary>SHA-256 (lowercase hex) over the length-prefixed UTF-8 encoding of every field but the hash.</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        using var buffer = new MemoryStream();
        WriteField(buffer, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        WriteField(buffer, entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        WriteField(buffer, entry.Operator);
        WriteField(buffer, entry.Command);
        WriteField(buffer, entry.Detail);
        WriteField(buffer, entry.Before);
        WriteField(buffer, entry.After);
        WriteField(buffer, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>
    /// Checks sequence numbers, every hash and every link; with <paramref name="expectedHead"/> and
    /// <paramref name="expectedCount"/> (kept beside the chain) also that nothing was cut off the end.
    /// </summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries, string? expectedHead = null, long? expectedCount = null)
    {
        var problems = new List<string>();
        var previous = Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Sequence != i + 1)
            {
                problems.Add($"entry #{i + 1} carries sequence {entry.Sequence}: an entry was removed or reordered");
            }

            if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
            {
                problems.Add($"entry #{entry.Sequence} does not link to the entry before it: an entry was removed or altered");
            }

            if (!string.Equals(ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
            {
                problems.Add($"entry #{entry.Sequence} ({entry.Command}) does not match its hash: it was altered");
            }

            previous = entry.Hash;
        }

        var head = entries.Count == 0 ? Genesis : entries[^1].Hash;
        if (expectedCount is { } count && count != entries.Count)
        {
            problems.Add($"the chain has {entries.Count} entries but {count} were recorded: entries were removed");
        }

        if (expectedHead is not null && !string.Equals(expectedHead, head, StringComparison.Ordinal))
        {
            problems.Add("the last entry is not the recorded head of the chain: entries were removed or altered");
        }

        return new AuditVerification { IsValid = problems.Count == 0, EntryCount = entries.Count, HeadHash = head, Problems = problems };
    }

    private static void WriteField(Stream stream, string? value)
    {
        var bytes = Encoding.UTF8.GetBytes(value ?? string.Empty);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }
}
